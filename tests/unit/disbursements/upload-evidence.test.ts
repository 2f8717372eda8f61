import { createHash } from 'node:crypto';

import { beforeEach, describe, expect, it } from 'vitest';

import { maxEvidenceBytes, uploadEvidence } from '../../../shared/disbursements/upload-evidence.ts';
import type { Caller } from '../../../shared/domain/caller.ts';
import { MemoryDisbursementStore, MemoryEvidenceStore } from './fake-stores.ts';

const officer: Caller = { sub: 'officer-1', roles: ['officer'] };
const now = new Date('2026-11-23T00:00:00.000Z');
const pdf = Buffer.from('%PDF-1.7\nbukti\n%%EOF\n');

let evidence: MemoryEvidenceStore;
let disbursements: MemoryDisbursementStore;

beforeEach(() => {
  evidence = new MemoryEvidenceStore();
  disbursements = new MemoryDisbursementStore();
});

function upload(bytes: Uint8Array, contentType: string | undefined = 'application/pdf', caller = officer) {
  return uploadEvidence({ evidence, disbursements }, caller, { bytes, contentType }, now);
}

describe('uploadEvidence', () => {
  it('stores the bytes under their SHA-256 and records the upload', async () => {
    const { record, created } = await upload(pdf);

    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(created).toBe(true);
    expect(record).toEqual({
      sha256,
      size: pdf.length,
      contentType: 'application/pdf',
      uploadedAt: now.toISOString(),
      uploadedBy: 'officer-1',
    });
    expect(evidence.files.get(sha256)).toBe(pdf);
  });

  it('answers with the first record for the same bytes, without storing them again', async () => {
    const first = await upload(pdf);

    const again = await upload(pdf, 'application/pdf', { sub: 'officer-2', roles: ['officer'] });

    expect(again).toEqual({ record: first.record, created: false });
    expect(evidence.puts).toBe(1);
  });

  it("keeps the other request's record when two uploads of the same bytes race", async () => {
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const winner = {
      sha256,
      size: pdf.length,
      contentType: 'application/pdf',
      uploadedAt: 'earlier',
      uploadedBy: 'officer-0',
    };
    const original = disbursements.getEvidence.bind(disbursements);
    let reads = 0;
    disbursements.getEvidence = async (sha) => {
      reads += 1;
      if (reads === 1) {
        disbursements.evidence.set(sha256, winner); // the other request writes between our read and our write
        return undefined;
      }
      return original(sha);
    };

    expect(await upload(pdf)).toEqual({ record: winner, created: false });
  });

  it.each([
    ['image/jpeg', [0xff, 0xd8, 0xff, 0xe0, 1, 2]],
    ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]],
    ['image/webp', [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')]],
  ])('accepts a %s whose bytes carry its signature', async (contentType, bytes) => {
    await expect(upload(Uint8Array.from(bytes), contentType)).resolves.toMatchObject({ created: true });
  });

  it('refuses a file sent without a Content-Type with 415', async () => {
    await expect(
      uploadEvidence({ evidence, disbursements }, officer, { bytes: pdf, contentType: undefined }, now),
    ).rejects.toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
  });

  it.each(['', 'text/html', 'text/csv', 'application/octet-stream', 'image/svg+xml'])(
    'refuses Content-Type %s with 415',
    async (contentType) => {
      await expect(upload(pdf, contentType)).rejects.toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
      expect(evidence.puts).toBe(0);
    },
  );

  it('refuses bytes that do not match the Content-Type with 415', async () => {
    await expect(upload(pdf, 'image/jpeg')).rejects.toMatchObject({ statusCode: 415, code: 'content_type_mismatch' });
  });

  it('refuses an empty file with 400', async () => {
    await expect(upload(new Uint8Array(0))).rejects.toMatchObject({ statusCode: 400, code: 'missing_body' });
  });

  it('refuses a file over 10 MB with 413, and takes one of exactly 10 MB', async () => {
    const exact = Buffer.concat([pdf, Buffer.alloc(maxEvidenceBytes - pdf.length)]);

    await expect(upload(Buffer.concat([exact, Buffer.alloc(1)]))).rejects.toMatchObject({ statusCode: 413 });
    await expect(upload(exact)).resolves.toMatchObject({ created: true });
  });

  it('forbids every role but the officer', async () => {
    await expect(upload(pdf, 'application/pdf', { sub: 'x', roles: ['treasurer'] })).rejects.toMatchObject({
      statusCode: 403,
    });
    expect(evidence.puts).toBe(0);
  });
});
