import { randomUUID } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { EvidenceStore } from '../disbursements/ports.ts';
import { evidenceObjectKey } from './evidence-key.ts';

/**
 * Local mode's stand-in for the evidence bucket: one file per evidence, named like the S3 key
 * (`evidence/<sha256>`) under the directory. A file is written beside its final name and renamed
 * into place, so a crash never leaves half a file under a hash; an existing file is never replaced.
 */
export class LocalDirectoryEvidenceStore implements EvidenceStore {
  constructor(private readonly directory: string) {}

  async put(sha256: string, bytes: Uint8Array, _contentType: string): Promise<void> {
    const path = join(this.directory, evidenceObjectKey(sha256));
    if (await exists(path)) return;
    await mkdir(join(path, '..'), { recursive: true });
    const temporary = `${path}.${randomUUID()}.partial`;
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, path);
    } finally {
      await rm(temporary, { force: true });
    }
  }

  /** The stored file of an evidence (for tests and local inspection). */
  pathOf(sha256: string): string {
    return join(this.directory, evidenceObjectKey(sha256));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
