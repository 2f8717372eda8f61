import type { ApiRequest, ApiResult } from './api-types.ts';
import { withHttpErrors } from './http-middleware.ts';

/** A public read: no token, no body, no idempotency store (and so no Powertools in the bundle). */
export function publicHandler(handle: (request: ApiRequest<undefined, undefined>) => Promise<ApiResult>) {
  return withHttpErrors((event) =>
    handle({ body: undefined, caller: undefined, pathParameters: event.pathParameters ?? {}, now: new Date() }),
  );
}
