import { LogSourceError } from './failures.ts';
import type { LogSource } from './log-source.ts';

export type Fetch = (url: string, init?: { headers?: Record<string, string> }) => Promise<Response>;

/**
 * A log served over HTTP. `url` is either the site root (`https://terang.example`: the log is under
 * `/log/`, the summary at `/api/public/summary`) or the log itself (`https://terang.example/log`).
 * 404 — and 403, which S3 answers for a missing object — read as "no such file".
 */
export function httpLogSource(url: string, fetchFn: Fetch = globalThis.fetch): LogSource {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new LogSourceError(`${url} is not a URL`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new LogSourceError(`${url} is not an http(s) URL`);
  base.search = '';
  base.hash = '';
  const path = base.pathname.replace(/\/+$/u, '');
  const site = `${base.origin}${path.endsWith('/log') ? path.slice(0, -'/log'.length) : path}`;
  const log = `${site}/log`;

  async function request(target: string): Promise<Response> {
    try {
      return await fetchFn(target);
    } catch (error) {
      throw new LogSourceError(`cannot fetch ${target}: ${(error as Error).message}`);
    }
  }

  return {
    location: log,
    async get(file) {
      const target = `${log}/${file}`;
      const response = await request(target);
      if (response.status === 404 || response.status === 403) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw new LogSourceError(`${target} answered ${response.status} ${response.statusText}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    async summary() {
      const target = `${site}/api/public/summary`;
      const response = await request(target);
      // A mirror of the log (a bucket, a static host) has no API: nothing to compare.
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw new LogSourceError(`${target} answered ${response.status} ${response.statusText}`);
      try {
        return (await response.json()) as unknown;
      } catch {
        throw new LogSourceError(`${target} did not answer JSON`);
      }
    },
  };
}
