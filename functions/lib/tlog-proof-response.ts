import type { ApiResult } from './api-types.ts';

/** A C2SP tlog-proof, as text (the spec's `.tlog-proof` file). */
export function tlogProof(proof: string): ApiResult {
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: proof,
  };
}
