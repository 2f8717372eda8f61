import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import type { Context } from 'aws-lambda';

import { routeTimeoutSeconds, type RouteDefinition } from '../../functions/routes.ts';
import type { ApiEvent } from '../../functions/lib/api-types.ts';

/** API Gateway's request time format: `23/Nov/2026:07:20:00 +0000`. */
function requestTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} +0000`;
}

/** `/api/contributions/{id}/confirm` → a matcher returning `{ id }` or undefined. */
export function routeMatcher(path: string): (candidate: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${path.replace(/[.*+?^$()|[\]\\]/gu, '\\$&').replace(/\{(\w+)\}/gu, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
    'u',
  );
  return (candidate) => {
    const match = pattern.exec(candidate);
    if (!match) return undefined;
    return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
  };
}

export interface EventInput {
  readonly request: IncomingMessage;
  readonly url: URL;
  readonly route: RouteDefinition;
  readonly pathParameters: Record<string, string>;
  readonly body: Buffer;
  /** Claims already rendered as the JWT authorizer renders them (all strings). */
  readonly claims?: Record<string, string>;
  readonly scopes?: string[];
}

function isTextual(contentType: string | undefined): boolean {
  return !contentType || /^(text\/|application\/(json|x-www-form-urlencoded|xml|.*\+json))/iu.test(contentType);
}

/** Builds the API Gateway HTTP API payload format 2.0 event for one request. */
export function toApiGatewayEvent(input: EventInput): ApiEvent {
  const { request, url, route } = input;
  const now = new Date();
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') cookies.push(...String(value).split(/;\s*/u));
    else headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const textual = isTextual(headers['content-type']);
  const routeKey = `${route.method} ${route.path}`;
  const event: ApiEvent = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/u, ''),
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers['host'] ?? 'localhost',
      domainPrefix: (headers['host'] ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
      ...(input.claims
        ? {
            authorizer: {
              principalId: '',
              integrationLatency: 0,
              jwt: { claims: input.claims, scopes: input.scopes ?? [] },
            },
          }
        : {}),
    },
    isBase64Encoded: !textual,
    ...(cookies.length > 0 ? { cookies } : {}),
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(input.pathParameters).length > 0 ? { pathParameters: input.pathParameters } : {}),
    ...(input.body.length > 0 ? { body: textual ? input.body.toString('utf8') : input.body.toString('base64') } : {}),
  };
  return event;
}

/** A Lambda context good enough for middy and Powertools (they read the remaining time). */
export function lambdaContext(route: RouteDefinition, timeoutMs = routeTimeoutSeconds(route) * 1000): Context {
  const started = Date.now();
  const functionName = `terang-local-${route.name}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
