import type { Context } from 'aws-lambda';
import type * as z from 'zod/mini';

import { callerFromClaims } from '../../shared/auth/claims.ts';
import type { Caller } from '../../shared/domain/caller.ts';
import { badRequest, unauthorized } from '../../shared/domain/errors.ts';
import type { ApiEvent, ApiRequest, ApiResult } from './api-types.ts';
import { withHttpErrors } from './http-middleware.ts';
import { idempotentWrites } from './idempotency.ts';
import { parseJsonBody } from './json-body.ts';
import { readCsvBody } from './csv-body.ts';

interface WriteRoute<TBody> {
  /** The route's name in functions/routes.ts; scopes its Idempotency-Key records. */
  readonly name: string;
  readonly body: z.ZodMiniType<TBody>;
  /** True when the route takes no fields: an absent body counts as `{}`. */
  readonly bodyOptional?: boolean;
}

/** Time kept back to write the answer before the function's own timeout. */
const answerMarginMs = 3_000;

function deadlineOf(context: Context): Date {
  return new Date(Date.now() + Math.max(0, context.getRemainingTimeInMillis() - answerMarginMs));
}

/** The caller named by the authorizer's claims; 401 without a valid token. */
export function requireCaller(event: ApiEvent): Caller {
  const caller = callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
  if (!caller) throw unauthorized('a valid bearer token is required');
  return caller;
}

/**
 * An authenticated write: the JWT claims (exactly as API Gateway's authorizer passes them) become
 * a Caller, the JSON body is validated, an Idempotency-Key replays the first response, and the
 * handler calls one domain function.
 */
export function writeHandler<TBody>(
  route: WriteRoute<TBody>,
  handle: (request: ApiRequest<TBody, Caller>) => Promise<ApiResult>,
) {
  return withHttpErrors(async (event, context) => {
    const caller = requireCaller(event);
    const body = parseJsonBody(event, route.body, route.bodyOptional ?? false);
    return handle({
      body,
      caller,
      pathParameters: event.pathParameters ?? {},
      now: new Date(),
      deadline: deadlineOf(context),
    });
  }, idempotentWrites(route.name));
}

/** An authenticated upload of a CSV file (the registry import), with the same Idempotency-Key handling. */
export function csvUploadHandler(
  route: { readonly name: string },
  handle: (
    request: ApiRequest<Uint8Array, Caller> & { readonly query: Readonly<Record<string, string | undefined>> },
  ) => Promise<ApiResult>,
) {
  return withHttpErrors(async (event, context) => {
    const caller = requireCaller(event);
    const body = readCsvBody(event);
    return handle({
      body,
      caller,
      pathParameters: event.pathParameters ?? {},
      query: event.queryStringParameters ?? {},
      now: new Date(),
      deadline: deadlineOf(context),
    });
  }, idempotentWrites(route.name));
}

/** An authenticated read: a token, no body. */
export function privateReadHandler(
  handle: (
    request: ApiRequest<undefined, Caller> & { readonly query: Readonly<Record<string, string | undefined>> },
  ) => Promise<ApiResult>,
) {
  return withHttpErrors(async (event, context) =>
    handle({
      query: event.queryStringParameters ?? {},
      body: undefined,
      caller: requireCaller(event),
      pathParameters: event.pathParameters ?? {},
      now: new Date(),
      deadline: deadlineOf(context),
    }),
  );
}

export function pathParameter(request: ApiRequest<unknown, unknown>, name: string): string {
  const value = request.pathParameters[name];
  if (!value)
    throw badRequest('missing_path_parameter', `path parameter ${name} is missing`, [
      { path: name, message: 'is missing' },
    ]);
  return value;
}
