import type { ApiRequest, ApiResult } from './api-types.ts';
import { withHttpErrors } from './http-middleware.ts';

export type PublicRequest = ApiRequest<undefined, undefined> & {
  readonly query: Readonly<Record<string, string | undefined>>;
};

/** A public read: no token, no body, no idempotency store (and so no Powertools in the bundle). */
export function publicHandler(handle: (request: PublicRequest) => Promise<ApiResult>) {
  return withHttpErrors((event) =>
    handle({
      body: undefined,
      caller: undefined,
      pathParameters: event.pathParameters ?? {},
      query: event.queryStringParameters ?? {},
      now: new Date(),
    }),
  );
}
