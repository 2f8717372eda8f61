import type { AddressInfo } from 'node:net';

import type { Role } from '../../shared/domain/caller.ts';
import { createLocalVerifier, signLocalToken } from '../../infra/local/local-auth.ts';

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as-is, for malformed-body tests. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

export interface LocalApi {
  readonly baseUrl: string;
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<ApiResponse<T>>;
  token(
    roles: Role | readonly Role[],
    options?: { orgId?: string; sub?: string; expiresInSeconds?: number },
  ): Promise<string>;
  close(): Promise<void>;
}

/**
 * The local HTTP adapter (the same one `npm start` runs) on a random port, so a test goes through
 * token verification, API Gateway event building and the real handlers.
 */
export async function startLocalApi(
  options: { staticDirectory?: string; logDirectory?: string } = {},
): Promise<LocalApi> {
  const { createLocalServer } = await import('../../infra/local/server.ts');
  const server = createLocalServer({ verifyToken: await createLocalVerifier(), ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    async call(method, path, callOptions = {}) {
      const headers: Record<string, string> = { ...callOptions.headers };
      if (callOptions.token) headers['authorization'] = `Bearer ${callOptions.token}`;
      let body: string | undefined = callOptions.rawBody;
      if (callOptions.body !== undefined) {
        body = JSON.stringify(callOptions.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text for the assertion message
      }
      return { status: response.status, body: parsed as any, headers: response.headers };
    },
    token(roles, tokenOptions = {}) {
      const list = typeof roles === 'string' ? [roles] : [...roles];
      return signLocalToken({
        roles: list,
        sub: tokenOptions.sub ?? `test-${list.join('-')}`,
        ...(tokenOptions.orgId ? { orgId: tokenOptions.orgId } : {}),
        ...(tokenOptions.expiresInSeconds !== undefined ? { expiresInSeconds: tokenOptions.expiresInSeconds } : {}),
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
