import { createHash } from 'node:crypto';

/** SHA-256, lowercase hex, of bytes given in chunks (never one buffer holding all of them). */
export function sha256Hex(chunks: Iterable<Uint8Array>): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}
