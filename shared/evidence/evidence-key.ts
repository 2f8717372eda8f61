const sha256Pattern = /^[0-9a-f]{64}$/u;

/**
 * Where an evidence file lives, in the bucket and in the local directory alike. Only a lowercase
 * hex SHA-256 is accepted, so no caller-made string ever becomes part of a key or a path.
 */
export function evidenceObjectKey(sha256: string): string {
  if (!sha256Pattern.test(sha256)) throw new Error('an evidence key is the lowercase hex SHA-256 of its bytes');
  return `evidence/${sha256}`;
}

/** S3 wants the SHA-256 checksum base64-encoded; the key and the ledger carry it as hex. */
export function sha256HexToBase64(sha256: string): string {
  evidenceObjectKey(sha256);
  return Buffer.from(sha256, 'hex').toString('base64');
}
