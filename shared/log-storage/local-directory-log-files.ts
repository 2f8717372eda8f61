import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { checkpointOfNote } from '../log/checkpoint.ts';
import type { LogFiles } from '../log/sequencer/ports.ts';

/** The static log as files in a directory: what `npm start` serves under /log/. */
export class LocalDirectoryLogFiles implements LogFiles {
  private readonly folders = new Set<string>();

  constructor(private readonly directory: string) {}

  async read(path: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.pathOf(path)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async write(path: string, bytes: Uint8Array, _kind?: 'immutable' | 'mutable'): Promise<void> {
    // Written aside and renamed into place: a reader never sees half a tile.
    const target = this.pathOf(path);
    const folder = dirname(target);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    const pending = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(pending, bytes);
    await rename(pending, target);
  }

  async publishCheckpoint(note: string, size: number): Promise<void> {
    const current = await this.read('checkpoint');
    if (current && publishedSize(current) > size) return;
    await this.write('checkpoint', new TextEncoder().encode(note));
  }

  private pathOf(path: string): string {
    if (path.split('/').some((part) => part === '..' || part === '')) throw new Error(`not a log path: ${path}`);
    return join(this.directory, path);
  }
}

export function publishedSize(checkpoint: Uint8Array): number {
  return checkpointOfNote(new TextDecoder().decode(checkpoint)).size;
}
