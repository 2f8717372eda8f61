import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';

import type { ApiEvent, ApiHandler, ApiResult } from './api-types.ts';
import { errorResponse, internalErrorBody } from './error-response.ts';

/**
 * The middy stack every handler shares: errors become `{ error: { code, message, issues[] } }`
 * through @middy/http-error-handler; extra middleware (idempotency) goes inside it.
 */
export function withHttpErrors(handler: ApiHandler, ...inner: middy.MiddlewareObj<ApiEvent, ApiResult>[]) {
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
  for (const middleware of inner) wrapped.use(middleware);
  return wrapped.handler(handler);
}
