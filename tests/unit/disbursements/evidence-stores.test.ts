import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { handlerEnvironment } from '../../../shared/environment.ts';
import { evidenceObjectKey, sha256HexToBase64 } from '../../../shared/evidence/evidence-key.ts';
import { evidenceStoreFromEnvironment } from '../../../shared/evidence/evidence-store-from-environment.ts';
import { LocalDirectoryEvidenceStore } from '../../../shared/evidence/local-directory-evidence-store.ts';
import { classifyPutError, putEvidenceRequest, S3EvidenceStore } from '../../../shared/evidence/s3-evidence-store.ts';

const bytes = Buffer.from('%PDF-1.7\nbukti\n');
const sha256 = createHash('sha256').update(bytes).digest('hex');

describe('evidenceObjectKey', () => {
  it('puts an evidence under evidence/<sha256>', () => {
    expect(evidenceObjectKey(sha256)).toBe(`evidence/${sha256}`);
  });

  it.each(['../../etc/passwd', sha256.toUpperCase(), sha256.slice(1), `${sha256}/x`, ''])(
    'refuses %s: only a lowercase hex SHA-256 becomes a key',
    (candidate) => {
      expect(() => evidenceObjectKey(candidate)).toThrow();
    },
  );
});

describe('putEvidenceRequest (S3)', () => {
  const request = putEvidenceRequest('terang-evidence', sha256, bytes, 'application/pdf');

  it('lets S3 verify the bytes against the SHA-256 the key names', () => {
    expect(request).toMatchObject({
      Bucket: 'terang-evidence',
      Key: `evidence/${sha256}`,
      ChecksumAlgorithm: 'SHA256',
      ChecksumSHA256: createHash('sha256').update(bytes).digest('base64'),
      ContentLength: bytes.length,
      ContentType: 'application/pdf',
    });
    expect(sha256HexToBase64(sha256)).toBe(request.ChecksumSHA256);
  });

  it('never overwrites an object and never sets an ACL', () => {
    expect(request.IfNoneMatch).toBe('*');
    expect(request).not.toHaveProperty('ACL');
    expect(request).not.toHaveProperty('GrantRead');
  });
});

describe('classifyPutError (S3)', () => {
  it('reads 412 Precondition Failed as the same bytes already stored', () => {
    expect(
      classifyPutError(
        Object.assign(new Error('x'), { name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } }),
      ),
    ).toBe('already_stored');
  });

  it('retries 409 ConditionalRequestConflict: another write of the key is in flight', () => {
    expect(classifyPutError(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 409 } }))).toBe('retry');
  });

  it.each([
    ['a bad digest', Object.assign(new Error('x'), { name: 'BadDigest', $metadata: { httpStatusCode: 400 } })],
    ['access denied', Object.assign(new Error('x'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })],
    ['a network failure', new Error('socket hang up')],
  ])('lets %s fail the upload', (_name, error) => {
    expect(classifyPutError(error)).toBe('failed');
  });
});

describe('LocalDirectoryEvidenceStore', () => {
  it('writes the bytes to evidence/<sha256> under its directory, leaving no partial file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'evidence-test-'));
    const store = new LocalDirectoryEvidenceStore(directory);

    await store.put(sha256, bytes, 'application/pdf');

    expect(await readFile(store.pathOf(sha256))).toEqual(bytes);
    expect(await readdir(join(directory, 'evidence'))).toEqual([sha256]);
  });

  it('keeps the first file when the same hash is stored again', async () => {
    const store = new LocalDirectoryEvidenceStore(await mkdtemp(join(tmpdir(), 'evidence-test-')));
    await store.put(sha256, bytes, 'application/pdf');

    await store.put(sha256, Buffer.from('something else'), 'application/pdf');

    expect(await readFile(store.pathOf(sha256))).toEqual(bytes);
  });

  it('refuses a key that is not a SHA-256', async () => {
    const store = new LocalDirectoryEvidenceStore(await mkdtemp(join(tmpdir(), 'evidence-test-')));

    await expect(store.put('../escape', bytes, 'application/pdf')).rejects.toThrow();
  });
});

describe('evidenceStoreFromEnvironment', () => {
  it('uses the local directory when the local runtime names one', () => {
    const store = evidenceStoreFromEnvironment({
      [handlerEnvironment.localEvidenceDirectory]: '/tmp/x',
      [handlerEnvironment.evidenceBucket]: 'bucket',
    });

    expect(store).toBeInstanceOf(LocalDirectoryEvidenceStore);
  });

  it('uses the S3 bucket CDK names otherwise', () => {
    expect(
      evidenceStoreFromEnvironment({ [handlerEnvironment.evidenceBucket]: 'bucket', AWS_REGION: 'ap-southeast-3' }),
    ).toBeInstanceOf(S3EvidenceStore);
  });

  it('fails loudly when neither is set', () => {
    expect(() => evidenceStoreFromEnvironment({})).toThrow(handlerEnvironment.evidenceBucket);
  });
});
