import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { declare, registerOrganisation } from '../support/scenario.ts';

const header =
  'nik,no_kk,nama,alamat,kode_kelurahan,kode_kecamatan,desil,jumlah_anggota,tanggal_verifikasi,disabilitas,lansia,perempuan_kepala,mustahik,status';

/** Six households: four in Banjarmasin Selatan, two in Banjarmasin Timur; one too rich (desil 7). */
const households = [
  ['6371010101700001', '6371010101700101', '63.71.01.1001', '63.71.01', 1, 5, 'ya', 'ya'],
  ['6371010101700002', '6371010101700102', '63.71.01.1002', '63.71.01', 2, 3, 'tidak', 'tidak'],
  ['6371010101700003', '6371010101700103', '63.71.01.1003', '63.71.01', 1, 2, 'tidak', 'ya'],
  ['6371010101700004', '6371010101700104', '63.71.01.1004', '63.71.01', 7, 4, 'tidak', 'tidak'],
  ['6371020101700005', '6371020101700105', '63.71.02.1001', '63.71.02', 3, 6, 'ya', 'tidak'],
  ['6371020101700006', '6371020101700106', '63.71.02.1002', '63.71.02', 4, 1, 'tidak', 'ya'],
].map(
  ([nik, kk, kelurahan, kecamatan, desil, members, disabled, mustahik]) =>
    `${nik},${kk},Warga ${nik},Alamat ${nik},${kelurahan},${kecamatan},${desil},${members},2026-05-01,${disabled},tidak,tidak,${mustahik},aktif`,
);

const rules = {
  fund: 'CSR',
  amount: 3_000_000,
  benefitPerHousehold: 1_000_000,
  asOf: '2026-11-01',
  eligibility: { maxDesil: 4, verifiedWithinMonths: 12, requireMustahik: false, excludeGraduated: true },
  kecamatan: { weighting: 'eligible' },
};

let api: LocalApi;
let officer: string;

beforeAll(async () => {
  await useIsolatedTable();
  api = await startLocalApi();
  officer = await api.token('officer', { sub: 'officer-ani' });
});

afterAll(async () => {
  await api.close();
});

function propose(body: unknown, token = officer) {
  return api.call('POST', '/api/allocations', { token, body });
}

describe('POST /api/allocations before the registry exists', () => {
  it('answers 409 until a registry snapshot has been imported', async () => {
    const response = await propose({ rules });

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('no_registry');
  });
});

describe('POST /api/allocations', () => {
  beforeAll(async () => {
    const imported = await api.call('POST', '/api/registry/imports', {
      token: officer,
      rawBody: [header, ...households].join('\n'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(201);
    const companyId = await registerOrganisation(api, 'company');
    const contribution = await declare(api, companyId, 'company', { amount: 5_000_000 });
    await api.call('POST', `/api/contributions/${contribution}/confirm`, { token: await api.token('treasurer') });
  });

  it('proposes slots per kecamatan from the live registry and the fund balance', async () => {
    const response = await propose({ programme: 'Makin Mesra 2027', rules });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'proposed',
      programme: 'Makin Mesra 2027',
      snapshot: 1,
      fundBalance: 5_000_000,
      slots: 3,
      allocated: 3_000_000,
      remainder: 0,
      lineCount: 3,
    });
    expect(response.body.kecamatan).toEqual([
      expect.objectContaining({ code: '63.71.01', eligible: 3, slots: 2 }),
      expect.objectContaining({ code: '63.71.02', eligible: 2, slots: 1 }),
    ]);
  });

  it('lists the lines with explanations and no personal data at GET /api/allocations/{id}', async () => {
    const created = await propose({ rules });

    const response = await api.call('GET', `/api/allocations/${created.body.id}`, {
      token: await api.token('approver'),
    });

    expect(response.status).toBe(200);
    expect(response.body.lines).toHaveLength(3);
    expect(response.body.lines[0]).toMatchObject({ kecamatan: '63.71.01', amount: 1_000_000, rank: 1 });
    expect(response.body.lines[0].explanation).toContain('peringkat 1 dari 3 rumah tangga layak di 63.71.01');
    expect(JSON.stringify(response.body)).not.toMatch(/63710[12]0101700/u);
  });

  it('refuses more money than the fund holds, naming rules.amount', async () => {
    const response = await propose({ rules: { ...rules, amount: 9_000_000 } });

    expect(response.status).toBe(422);
    expect(response.body.error.issues[0].path).toBe('rules.amount');
  });

  it('names the invalid rule field under rules.', async () => {
    const response = await propose({ rules: { ...rules, benefitPerHousehold: -1 } });

    expect(response.status).toBe(422);
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path)).toContain(
      'rules.benefitPerHousehold',
    );
  });

  it.each(['approver', 'treasurer', 'admin'] as const)('forbids a %s to propose', async (role) => {
    const response = await propose({ rules }, await api.token(role));

    expect(response.status).toBe(403);
  });

  it('forbids a company to read a proposal', async () => {
    const created = await propose({ rules });

    const response = await api.call('GET', `/api/allocations/${created.body.id}`, {
      token: await api.token('company', { orgId: 'org_x' }),
    });

    expect(response.status).toBe(403);
  });

  it('answers 404 for an unknown proposal', async () => {
    const response = await api.call('GET', '/api/allocations/alc_NOPE', { token: officer });

    expect(response.status).toBe(404);
  });
});
