import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { LogSourceError } from './failures.ts';
import type { LogSource } from './log-source.ts';

/** A log published as files under `dir` (`.data/log`, a synced bucket, a test fixture). Node only. */
export function directoryLogSource(dir: string): LogSource {
  return {
    location: dir,
    async get(path) {
      try {
        const bytes = await readFile(join(dir, path));
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
        throw new LogSourceError(`cannot read ${join(dir, path)}: ${(error as Error).message}`);
      }
    },
  };
}
