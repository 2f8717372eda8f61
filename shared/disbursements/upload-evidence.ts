import { createHash } from 'node:crypto';

import { requireRole, type Caller } from '../domain/caller.ts';
import { badRequest, problem } from '../domain/errors.ts';
import type { EvidenceRecord } from './disbursement.ts';
import type { DisbursementStore, EvidenceStore } from './ports.ts';

/** The limit. On AWS a Lambda request payload is further capped at 6 MB (≈ 4.5 MB of bytes, base64). */
export const maxEvidenceBytes = 10 * 1024 * 1024;

/**
 * What counts as evidence: a scan or export (PDF) or a photo of a receipt, transfer slip or
 * handover record. Each type must start with its own signature, so a file cannot pass for another.
 * Text types are left out on purpose: a gateway may re-encode text, and the hash must be of the
 * bytes exactly as the officer holds them.
 */
const signatures: Readonly<Record<string, (bytes: Uint8Array) => boolean>> = {
  'application/pdf': (bytes) => startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]), // %PDF-
  'image/jpeg': (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]),
  'image/png': (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/webp': (bytes) =>
    startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && // RIFF
    startsWith(bytes.subarray(8), [0x57, 0x45, 0x42, 0x50]), // WEBP
};

export const evidenceContentTypes = Object.keys(signatures);

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface EvidenceUpload {
  readonly bytes: Uint8Array;
  /** The request's Content-Type header, parameters and all. */
  readonly contentType: string | undefined;
}

/**
 * Stores an evidence file under the SHA-256 of its bytes and records who uploaded it. The same
 * bytes uploaded again change nothing and answer with the first upload's record (`created` false).
 * The bytes are written before the record, so a record never points at missing bytes.
 */
export async function uploadEvidence(
  deps: { readonly evidence: EvidenceStore; readonly disbursements: DisbursementStore },
  caller: Caller,
  upload: EvidenceUpload,
  now: Date,
): Promise<{ record: EvidenceRecord; created: boolean }> {
  requireRole(caller, 'officer');
  const contentType = (upload.contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  const matches = signatures[contentType];
  if (!matches) {
    throw problem(415, 'unsupported_media_type', `evidence must be one of ${evidenceContentTypes.join(', ')}`, [
      { path: 'Content-Type', message: `must be one of ${evidenceContentTypes.join(', ')}` },
    ]);
  }
  if (upload.bytes.length === 0) {
    throw badRequest('missing_body', 'the evidence file is missing', [{ path: '(body)', message: 'is missing' }]);
  }
  if (upload.bytes.length > maxEvidenceBytes) {
    throw problem(413, 'payload_too_large', `the evidence file exceeds ${maxEvidenceBytes} bytes`, [
      { path: '(body)', message: `exceeds ${maxEvidenceBytes} bytes` },
    ]);
  }
  if (!matches(upload.bytes)) {
    throw problem(415, 'content_type_mismatch', `the file's bytes are not ${contentType}`, [
      { path: 'Content-Type', message: `does not match the file's bytes` },
    ]);
  }

  const sha256 = sha256Hex(upload.bytes);
  const existing = await deps.disbursements.getEvidence(sha256);
  if (existing) return { record: existing, created: false };
  await deps.evidence.put(sha256, upload.bytes, contentType);
  const record: EvidenceRecord = {
    sha256,
    size: upload.bytes.length,
    contentType,
    uploadedAt: now.toISOString(),
    uploadedBy: caller.sub,
  };
  if (await deps.disbursements.putEvidence(record)) return { record, created: true };
  // Uploaded twice at once: the other request's record stands.
  return { record: (await deps.disbursements.getEvidence(sha256)) ?? record, created: false };
}
