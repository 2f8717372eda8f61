import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';

import { callerFromClaims } from '../../shared/auth/claims.ts';
import type { Caller } from '../../shared/domain/caller.ts';
import { badRequest, unauthorized } from '../../shared/domain/errors.ts';
import { errorResponse, internalErrorBody } from './error-response.ts';
import { idempotentWrites } from './idempotency.ts';
import { parseJsonBody } from './json-body.ts';

/** What API Gateway sends; on public routes `authorizer` is absent. */
export type ApiEvent = Omit<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'> & {
  requestContext: Omit<APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'], 'authorizer'> & {
    authorizer?: APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer'];
  };
};
export type ApiResult = APIGatewayProxyStructuredResultV2;
export type ApiHandler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

export interface ApiRequest<TBody, TCaller> {
  readonly body: TBody;
  readonly caller: TCaller;
  readonly pathParameters: Readonly<Record<string, string | undefined>>;
  readonly now: Date;
}

interface PublicRoute {
  readonly name: string;
  readonly auth: 'none';
}

interface AuthenticatedRoute<TBody> {
  readonly name: string;
  readonly auth: 'jwt';
  /** Every authenticated route is a write in this API: it takes a JSON body and an Idempotency-Key. */
  readonly body: z.ZodMiniType<TBody>;
  /** True when the route takes no fields: an absent body counts as `{}`. */
  readonly bodyOptional?: boolean;
}

export function json(statusCode: number, body: unknown): ApiResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

function requireCaller(event: ApiEvent): Caller {
  const caller = callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
  if (!caller) throw unauthorized('a valid bearer token is required');
  return caller;
}

function withErrorHandling(handler: ApiHandler, routeName: string, idempotent: boolean) {
  const wrapped = middy<ApiEvent, ApiResult>()
    .use(
      httpErrorHandler({
        fallbackMessage: internalErrorBody,
        // 4xx are the caller's business; only our own failures are worth a log line.
        logger: (error: Error) => {
          const status = (error as { statusCode?: number }).statusCode;
          if (!status || status >= 500) console.error(error);
        },
      }),
    )
    .use(errorResponse());
  if (idempotent) wrapped.use(idempotentWrites(routeName));
  return wrapped.handler(handler);
}

/** A public read: no token, no body. */
export function publicHandler(route: PublicRoute, handle: (request: ApiRequest<undefined, undefined>) => Promise<ApiResult>) {
  return withErrorHandling(
    (event) => handle({ body: undefined, caller: undefined, pathParameters: event.pathParameters ?? {}, now: new Date() }),
    route.name,
    false,
  );
}

/**
 * An authenticated write: the JWT claims (as API Gateway's authorizer passed them) become a Caller,
 * the body is parsed and validated, and the handler calls one domain function.
 */
export function writeHandler<TBody>(
  route: AuthenticatedRoute<TBody>,
  handle: (request: ApiRequest<TBody, Caller>) => Promise<ApiResult>,
) {
  return withErrorHandling(
    async (event) => {
      const caller = requireCaller(event);
      const body = parseJsonBody(event, route.body, route.bodyOptional ?? false);
      return handle({ body, caller, pathParameters: event.pathParameters ?? {}, now: new Date() });
    },
    route.name,
    true,
  );
}

export function pathParameter(request: ApiRequest<unknown, unknown>, name: string): string {
  const value = request.pathParameters[name];
  if (!value) throw badRequest('missing_path_parameter', `path parameter ${name} is missing`, [{ path: name, message: 'is missing' }]);
  return value;
}
