import { existsSync } from 'node:fs';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Returns the file's content, creating it first with `create()` if it does not exist. The new
 * content is written aside and linked into place: link() fails if another process won the race,
 * and then both read the winner's complete file, never a half-written one. Used for local keys.
 */
export async function readOrCreateOnce(path: string, create: () => Promise<string> | string): Promise<string> {
  if (!existsSync(path)) {
    await mkdir(dirname(path), { recursive: true });
    const pending = `${path}.${process.pid}.tmp`;
    await writeFile(pending, await create(), { mode: 0o600 });
    await link(pending, path).catch(() => undefined);
    await unlink(pending);
  }
  return readFile(path, 'utf8');
}
