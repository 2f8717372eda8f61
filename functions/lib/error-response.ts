import type middy from '@middy/core';

import { isProblem, problem, type Problem } from '../../shared/domain/errors.ts';

/** The body of every unexpected failure: no detail of ours leaks to the caller; the log has it. */
export const internalErrorBody = JSON.stringify({
  error: { code: 'internal_error', message: 'something went wrong on our side; please try again later', issues: [] },
});

/** Powertools Idempotency reports misuse of a key with its own error classes. */
function fromIdempotencyError(error: Error): Problem | undefined {
  switch (error.name) {
    case 'IdempotencyValidationError':
      return problem(
        422,
        'idempotency_key_reused',
        'this Idempotency-Key was already used with a different request body',
        [{ path: 'Idempotency-Key', message: 'was used before with a different body' }],
      );
    case 'IdempotencyAlreadyInProgressError':
      return problem(
        409,
        'idempotency_in_progress',
        'a request with this Idempotency-Key is still being processed; retry shortly',
        [{ path: 'Idempotency-Key', message: 'is in use by a request still in progress' }],
      );
    default:
      return undefined;
  }
}

/**
 * Middy answers for a function about to reach its timeout. The work may or may not have been
 * committed (every write is one transaction, so it is all or nothing): retrying with the same
 * Idempotency-Key is safe.
 */
function fromTimeout(error: Error): Problem | undefined {
  if (error.name !== 'TimeoutError') return undefined;
  return problem(
    503,
    'timeout',
    'the request ran out of time; it was applied completely or not at all, so retry it (with the same Idempotency-Key)',
  );
}

function asProblem(error: unknown): Problem | undefined {
  if (!(error instanceof Error)) return undefined;
  if (isProblem(error)) return error;
  const idempotency = fromIdempotencyError(error) ?? fromTimeout(error);
  if (idempotency) return idempotency;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problem(status, 'bad_request', error.message);
  }
  return undefined;
}

/**
 * Gives every exposed error the body `{ error: { code, message, issues[] } }`, then leaves the
 * rendering to @middy/http-error-handler. Anything unexpected becomes its generic 500.
 */
export function errorResponse(): middy.MiddlewareObj {
  return {
    onError: (request) => {
      const known = asProblem(request.error);
      if (!known) return;
      request.error = Object.assign(
        new Error(JSON.stringify({ error: { code: known.code, message: known.message, issues: known.issues } })),
        {
          statusCode: known.statusCode,
          expose: true,
          headers: { 'cache-control': 'no-store' },
        },
      );
    },
  };
}
