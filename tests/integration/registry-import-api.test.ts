import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';

const header =
  'NIK,No_KK,Nama,Alamat,Kode_Kelurahan,Kode_Kecamatan,Desil,Jumlah_Anggota,Tanggal_Verifikasi,Disabilitas,Lansia,Perempuan_Kepala,Mustahik,Status';
const validRow =
  '6371050101700001,6371050101700101,Fatimah,"Jl. Pasar Baru, RT 3",6371051001,6371.05,1,5,2026-06-30,ya,tidak,ya,ya,aktif';
const csv = (...rows: string[]) => `\uFEFF${[header, ...rows].join('\n')}\n`;

let table: IsolatedTable;
let api: LocalApi;
let officer: string;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  officer = await api.token('officer');
});

afterAll(async () => {
  await api.close();
});

function upload(body: string, options: { dryRun?: boolean; token?: string; contentType?: string } = {}) {
  return api.call('POST', `/api/registry/imports${options.dryRun ? '?dryRun=true' : ''}`, {
    token: options.token ?? officer,
    rawBody: body,
    headers: { 'content-type': options.contentType ?? 'text/csv; charset=utf-8' },
  });
}

describe('POST /api/registry/imports', () => {
  it('answers a dry run with the report and writes no household', async () => {
    const response = await upload(
      csv(validRow, '123,6371050101700102,X,Y,6371051001,63.71.05,1,1,2026-06-30,ya,ya,ya,ya,aktif'),
      {
        dryRun: true,
      },
    );

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      dryRun: true,
      accepted: 1,
      rejected: 1,
      errors: [{ line: 3, column: 'nik' }],
    });
    expect((await table.snapshot()).filter((item) => item['entity'] === 'Household')).toHaveLength(0);
  });

  it('commits a new snapshot and answers 201', async () => {
    const response = await upload(csv(validRow));

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ dryRun: false, snapshot: 1, accepted: 1, rejected: 0, errors: [] });
  });

  it('shows the import and its report at GET /api/registry/imports/{id}', async () => {
    const created = await upload(csv(validRow), { dryRun: true });

    const response = await api.call('GET', `/api/registry/imports/${created.body.id}`, { token: officer });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: created.body.id, status: 'completed', accepted: 1 });
    expect(response.body).not.toHaveProperty('wrappedDataKey');
  });

  it('never returns a NIK, KK, name or address', async () => {
    const created = await upload(csv(validRow, validRow.replace('6371050101700101', '637105010170010X')), {
      dryRun: true,
    });
    const progress = await api.call('GET', `/api/registry/imports/${created.body.id}`, { token: officer });

    const text = JSON.stringify([created.body, progress.body]);

    for (const secret of ['6371050101700001', '6371050101700101', 'Fatimah', 'Pasar Baru'])
      expect(text).not.toContain(secret);
  });

  it.each(['company', 'treasurer', 'approver', 'admin'] as const)('forbids a %s to import', async (role) => {
    const response = await upload(csv(validRow), { token: await api.token(role, { orgId: 'org_x' }) });

    expect(response.status).toBe(403);
  });

  it('refuses a body that is not CSV', async () => {
    const response = await upload('{"nik": 1}', { contentType: 'application/json' });

    expect(response.status).toBe(415);
    expect(response.body.error.issues[0].path).toBe('Content-Type');
  });

  it('refuses an unclear dryRun flag', async () => {
    const response = await api.call('POST', '/api/registry/imports?dryRun=maybe', {
      token: officer,
      rawBody: csv(validRow),
      headers: { 'content-type': 'text/csv' },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.issues[0].path).toBe('dryRun');
  });

  it('lists the first 1,000 errors of a large bad file and counts the rest, replayable by key', async () => {
    const badRows = Array.from({ length: 1_500 }, (_, index) => validRow.replace('6371050101700001', String(index)));
    const send = () =>
      api.call('POST', '/api/registry/imports?dryRun=true', {
        token: officer,
        rawBody: csv(...badRows),
        headers: { 'content-type': 'text/csv', 'idempotency-key': 'bad-file-1' },
      });

    const first = await send();
    const replay = await send();

    expect(first.status).toBe(200);
    expect(first.body.errors).toHaveLength(1_000);
    expect(first.body).toMatchObject({ rejected: 1_500, errorsOmitted: 500 });
    expect(replay.body.id).toBe(first.body.id);
  });

  it('answers 404 for an unknown import', async () => {
    const response = await api.call('GET', '/api/registry/imports/imp_NOPE', { token: officer });

    expect(response.status).toBe(404);
  });
});
