import { randomUUID } from 'node:crypto';

import type { ApiEvent } from '../../functions/lib/api-types.ts';
import type { RouteDefinition } from '../../functions/routes.ts';

/**
 * A hand-built API Gateway HTTP API (payload 2.0) event for calling a handler module directly.
 * `claims` are given as the JWT authorizer passes them: every value a string.
 */
export function apiGatewayEvent(input: {
  readonly route: RouteDefinition;
  readonly rawPath: string;
  readonly pathParameters?: Record<string, string>;
  readonly claims?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}): ApiEvent {
  const routeKey = `${input.route.method} ${input.route.path}`;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: input.rawPath,
    rawQueryString: '',
    headers: { host: 'localhost', ...input.headers },
    requestContext: {
      accountId: '000000000000',
      apiId: 'direct',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: input.route.method,
        path: input.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(input.claims
        ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: input.claims, scopes: [] } } }
        : {}),
    },
    isBase64Encoded: false,
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    ...(input.body !== undefined ? { body: input.body } : {}),
  };
}
