import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { LogSourceError } from './failures.ts';
import type { TrustState } from './verify-log.ts';

/**
 * The verifier's memory (`--state DIR`), Node only: `DIR/key` holds the trusted verifier key and
 * `DIR/checkpoint` the last verified signed checkpoint, both as the log served them.
 */
export async function readTrustDirectory(dir: string): Promise<TrustState> {
  const read = async (name: string) => {
    try {
      return await readFile(join(dir, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new LogSourceError(`cannot read ${join(dir, name)}: ${(error as Error).message}`);
    }
  };
  const [key, checkpoint] = await Promise.all([read('key'), read('checkpoint')]);
  return {
    ...(key !== undefined ? { key: key.replace(/\r?\n$/u, '') } : {}),
    ...(checkpoint !== undefined ? { checkpoint } : {}),
  };
}

export async function writeTrustDirectory(dir: string, state: Required<TrustState>): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    // Write then rename: an interrupted run leaves the previous checkpoint, never half of one.
    for (const [name, text] of [
      ['key', `${state.key}\n`],
      ['checkpoint', state.checkpoint],
    ] as const) {
      await writeFile(join(dir, `${name}.tmp`), text);
      await rename(join(dir, `${name}.tmp`), join(dir, name));
    }
  } catch (error) {
    throw new LogSourceError(`cannot write the state to ${dir}: ${(error as Error).message}`);
  }
}
