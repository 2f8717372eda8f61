import type middy from '@middy/core';
import type { Context } from 'aws-lambda';

import type { ApiEvent } from './api-types.ts';
import { powertoolsIdempotency } from './powertools-idempotency.ts';

const acquired = 'terang.idempotency.acquired';

function idempotencyKey(event: ApiEvent): string | undefined {
  const key = event.headers['idempotency-key'];
  return key && key.trim() !== '' ? key : undefined;
}

/**
 * Idempotency-Key support for a write route. Powertools is set up on the first request that
 * carries the header, so requests without a key skip it entirely. (A dynamic import would defer
 * more, but makes esbuild wrap the whole AWS SDK in lazy-init closures: +10 ms per cold start.)
 *
 * Powertools <= 2.35's middleware deletes the key's record in `onError` even when its own `before`
 * refused the request (key reused with another body, or still in progress), so a misused key erased
 * the original's stored response or lock and the next retry ran the write again
 * (aws-powertools/powertools-lambda-typescript#5675). Only a request that acquired the record, and
 * whose handler then failed, may release it.
 */
export function idempotentWrites(
  routeName: string,
): middy.MiddlewareObj<ApiEvent, unknown, Error, Context, Record<string, unknown>> {
  let powertools: middy.MiddlewareObj | undefined;
  const load = () => (powertools ??= powertoolsIdempotency(routeName));

  return {
    before: async (request) => {
      request.internal[acquired] = false;
      if (!idempotencyKey(request.event)) return undefined;
      const middleware = load();
      const replayed: unknown = await middleware.before?.(request);
      // undefined: the handler will run under this request's in-progress record.
      request.internal[acquired] = replayed === undefined;
      return replayed;
    },
    after: async (request) => {
      if (!idempotencyKey(request.event)) return;
      // A failure to store the result must not delete the record of a write that did happen.
      request.internal[acquired] = false;
      await load().after?.(request);
    },
    onError: async (request) => {
      if (request.internal[acquired] === true) await load().onError?.(request);
    },
  };
}
