import { PutObjectCommand, type PutObjectCommandInput, type S3Client } from '@aws-sdk/client-s3';

import type { EvidenceStore } from '../disbursements/ports.ts';
import { evidenceObjectKey, sha256HexToBase64 } from './evidence-key.ts';

/**
 * The PutObject request for one evidence file:
 * - `ChecksumSHA256`: S3 recomputes the SHA-256 of what it received and refuses the upload on a
 *   mismatch, so the object under `evidence/<sha256>` is exactly the bytes that hash names.
 * - `IfNoneMatch: '*'`: an existing object is never overwritten (S3 answers 412 instead).
 * - No ACL: the bucket enforces bucket-owner ownership, blocks all public access and encrypts at rest.
 */
export function putEvidenceRequest(
  bucket: string,
  sha256: string,
  bytes: Uint8Array,
  contentType: string,
): PutObjectCommandInput {
  return {
    Bucket: bucket,
    Key: evidenceObjectKey(sha256),
    Body: bytes,
    ContentLength: bytes.byteLength,
    ContentType: contentType,
    ChecksumAlgorithm: 'SHA256',
    ChecksumSHA256: sha256HexToBase64(sha256),
    IfNoneMatch: '*',
  };
}

/** How S3 answers a put of a key that already holds the (same, by construction) bytes. */
export type PutOutcome = 'stored' | 'already_stored' | 'retry' | 'failed';

/**
 * 412 Precondition Failed: the object exists, and since the key is the content's hash, it holds
 * these very bytes. 409 ConditionalRequestConflict: another conditional write of the same key is
 * in flight; trying again settles it.
 */
export function classifyPutError(error: unknown): PutOutcome {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  const name = error instanceof Error ? error.name : undefined;
  if (status === 412 || name === 'PreconditionFailed') return 'already_stored';
  if (status === 409 || name === 'ConditionalRequestConflict') return 'retry';
  return 'failed';
}

const maxConflictRetries = 3;

/** Evidence files in the S3 evidence bucket, under `evidence/<sha256>`. */
export class S3EvidenceStore implements EvidenceStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(sha256: string, bytes: Uint8Array, contentType: string): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.client.send(new PutObjectCommand(putEvidenceRequest(this.bucket, sha256, bytes, contentType)));
        return;
      } catch (error) {
        const outcome = classifyPutError(error);
        if (outcome === 'already_stored') return;
        if (outcome !== 'retry' || attempt >= maxConflictRetries) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  }
}
