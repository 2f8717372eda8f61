import { hash } from 'node:crypto';

import { pureSha256, useSha256 } from './hash.ts';

/**
 * Importing this module plugs node:crypto's SHA-256 into shared/log/hash.ts (Node entry points only;
 * the rest of shared/log stays free of `node:` imports for the browser). Native hashing has a fixed
 * per-call cost of about 2 µs, more than the pure TypeScript implementation takes for short
 * messages, so inputs below `nativeThreshold` bytes keep the pure one.
 */
export const nativeThreshold = 256;

export function nodeSha256(bytes: Uint8Array): Uint8Array {
  if (bytes.length < nativeThreshold) return pureSha256(bytes);
  const digest = hash('sha256', bytes, 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
}

useSha256(nodeSha256);
