import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '../../shared/domain/caller.ts';
import { keys } from '../../shared/dynamodb/keys.ts';
import { handlerEnvironment } from '../../shared/environment.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type ApiResponse, type LocalApi } from '../support/local-api.ts';
import { expectProblem } from '../support/problem.ts';
import { evidenceJpeg, evidencePdf, itemAt, postEvidence, sha256Of } from './disbursements-support.ts';

let table: IsolatedTable;
let api: LocalApi;
let officer: string;
let evidenceDirectory: string;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  officer = await api.token('officer', { sub: 'officer-sari' });
  evidenceDirectory = process.env[handlerEnvironment.localEvidenceDirectory] as string;
});

afterAll(async () => {
  await api.close();
});

function storedFiles(): string[] {
  const directory = join(evidenceDirectory, 'evidence');
  return existsSync(directory) ? readdirSync(directory).sort() : [];
}

describe('POST /api/evidence', () => {
  it('stores the bytes under their SHA-256 and answers 201 with the hash, size and type', async () => {
    // Prepare
    const bytes = evidencePdf();

    // Act
    const response = await postEvidence(api, bytes, { token: officer });

    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ sha256: sha256Of(bytes), size: bytes.length, contentType: 'application/pdf' });
    expect(readFileSync(join(evidenceDirectory, 'evidence', sha256Of(bytes)))).toEqual(Buffer.from(bytes));
  });

  it('records who uploaded the file and when, under the hash', async () => {
    const bytes = evidencePdf();

    await postEvidence(api, bytes, { token: officer });

    const item = itemAt(await table.snapshot(), keys.evidence(sha256Of(bytes)));
    expect(item).toMatchObject({
      entity: 'Evidence',
      sha256: sha256Of(bytes),
      size: bytes.length,
      contentType: 'application/pdf',
      uploadedBy: 'officer-sari',
      uploadedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/u),
    });
  });

  it('keeps binary bytes exact: a JPEG full of high bytes hashes as sent', async () => {
    const bytes = evidenceJpeg();

    const response = await postEvidence(api, bytes, { token: officer, contentType: 'image/jpeg' });

    expect(response.status).toBe(201);
    expect(response.body.sha256).toBe(sha256Of(bytes));
    expect(readFileSync(join(evidenceDirectory, 'evidence', sha256Of(bytes)))).toEqual(Buffer.from(bytes));
  });

  it('answers 200 with the same hash when the same bytes come again, writing nothing', async () => {
    // Prepare
    const bytes = evidencePdf();
    await postEvidence(api, bytes, { token: officer });
    const before = await table.snapshot();
    const files = storedFiles();

    // Act
    const again = await postEvidence(api, bytes, { token: await api.token('officer', { sub: 'officer-lain' }) });

    // Assess
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ sha256: sha256Of(bytes), size: bytes.length, contentType: 'application/pdf' });
    expect(await table.snapshot()).toEqual(before);
    expect(storedFiles()).toEqual(files);
  });

  it('shows nothing but the hash, size and type: not who uploaded it', async () => {
    const response = await postEvidence(api, evidencePdf(), { token: officer });

    expect(Object.keys(response.body).sort()).toEqual(['contentType', 'sha256', 'size']);
  });

  it('accepts a Content-Type with parameters, storing the bare type', async () => {
    const response = await postEvidence(api, evidencePdf(), {
      token: officer,
      contentType: 'Application/PDF; name=bukti.pdf',
    });

    expect(response.status).toBe(201);
    expect(response.body.contentType).toBe('application/pdf');
  });
});

describe('POST /api/evidence refusals (nothing written, no file stored)', () => {
  async function expectNothingWritten(act: () => Promise<ApiResponse>) {
    const before = await table.snapshot();
    const files = storedFiles();
    const response = await act();
    expect(await table.snapshot()).toEqual(before);
    expect(storedFiles()).toEqual(files);
    return response;
  }

  it('refuses an empty body with 400', async () => {
    const response = await expectNothingWritten(() => postEvidence(api, new Uint8Array(0), { token: officer }));

    expectProblem(response, 400, { code: 'missing_body', path: '(body)' });
  });

  it('refuses a type that is no evidence (HTML) with 415 naming Content-Type', async () => {
    const response = await expectNothingWritten(() =>
      postEvidence(api, Buffer.from('<html><script>alert(1)</script></html>'), {
        token: officer,
        contentType: 'text/html',
      }),
    );

    expectProblem(response, 415, { code: 'unsupported_media_type', path: 'Content-Type' });
  });

  it('refuses bytes that are not what the Content-Type says with 415', async () => {
    const response = await expectNothingWritten(() =>
      postEvidence(api, evidencePdf(), { token: officer, contentType: 'image/png' }),
    );

    expectProblem(response, 415, { code: 'content_type_mismatch', path: 'Content-Type' });
  });

  it('refuses a body over 10 MB with 413', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]);

    const response = await expectNothingWritten(() => postEvidence(api, bytes, { token: officer }));

    expect(response.status).toBe(413);
  });

  it.each(['treasurer', 'approver', 'admin', 'baznas', 'company'] as const)(
    'forbids a %s to upload evidence (403)',
    async (role: Role) => {
      const token = await api.token(role, role === 'company' || role === 'baznas' ? { orgId: 'org_x' } : {});

      const response = await expectNothingWritten(() => postEvidence(api, evidencePdf(), { token }));

      expectProblem(response, 403, { code: 'forbidden_role' });
    },
  );

  it('asks for a token (401) without one', async () => {
    const response = await expectNothingWritten(() => postEvidence(api, evidencePdf()));

    expect(response.status).toBe(401);
  });
});
