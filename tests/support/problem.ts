import { expect } from 'vitest';

import type { ApiResponse } from './local-api.ts';

/**
 * Asserts the one error shape every 4xx has: `{ error: { code, message, issues: [{ path, message }] } }`,
 * with the given status and, when named, the code and a field path among the issues.
 */
export function expectProblem(
  response: ApiResponse,
  status: number,
  expected: { code?: string; path?: string } = {},
): void {
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: {
      error: { code: expected.code ?? expect.any(String), message: expect.any(String), issues: expect.any(Array) },
    },
  });
  for (const issue of response.body.error.issues as unknown[]) {
    expect(issue).toEqual({ path: expect.any(String), message: expect.any(String) });
  }
  if (expected.path !== undefined) {
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path)).toContain(expected.path);
  }
}
