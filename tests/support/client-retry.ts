import { randomUUID } from 'node:crypto';

import type { ApiResponse, CallOptions, LocalApi } from './local-api.ts';

/**
 * One request as a careful API client sends it: with an Idempotency-Key, retried with the same
 * key while the answer is a server-side failure (5xx: a timeout, or DynamoDB Local giving up on a
 * lock it waited for) or "the first attempt is still running" (409). Bursts of requests served by
 * one local process against DynamoDB Local are far slower than as many Lambda containers.
 */
export async function callLikeAClient(
  api: LocalApi,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const headers = { ...options.headers, 'idempotency-key': randomUUID() };
  for (let attempt = 0; ; attempt += 1) {
    const response = await api.call(method, path, { ...options, headers });
    const busy = response.status >= 500 || response.body?.error?.code === 'idempotency_in_progress';
    if (!busy || attempt >= 60) return response;
    await new Promise((resolve) => setTimeout(resolve, 250 + Math.random() * 500));
  }
}
