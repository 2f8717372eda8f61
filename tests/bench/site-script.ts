import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

import { buildWeb, webBuildDirectory, webBuildIsStale } from '../../infra/local/web-build.ts';

/**
 * The JavaScript a visitor's browser loads for the report page: the module scripts in the
 * prerendered index.html and everything they import statically, each gzipped at level 9.
 */
export async function measureSiteScript(): Promise<{ files: number; rawBytes: number; gzipBytes: number }> {
  if (webBuildIsStale()) await buildWeb();
  const html = await readFile(join(webBuildDirectory, 'index.html'), 'utf8');
  const pending = [...html.matchAll(/<script[^>]+src="([^"]+)"/gu)].map((match) =>
    resolve(webBuildDirectory, match[1] ?? ''),
  );
  const seen = new Set<string>();
  let rawBytes = 0;
  let gzipBytes = 0;
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(file);
    rawBytes += code.length;
    gzipBytes += gzipSync(code, { level: 9 }).length;
    for (const match of code.toString('utf8').matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/gu)) {
      pending.push(resolve(dirname(file), match[1] ?? ''));
    }
  }
  return { files: seen.size, rawBytes, gzipBytes };
}
