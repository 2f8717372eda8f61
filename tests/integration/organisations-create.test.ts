import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '../../shared/domain/caller.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { expectProblem } from '../support/problem.ts';
import { itemsOf } from '../support/scenario.ts';

let table: IsolatedTable;
let api: LocalApi;
let adminToken: string;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  adminToken = await api.token('admin');
});

afterAll(async () => {
  await api.close();
});

describe('POST /api/organisations', () => {
  it('lets the admin register a company and answers 201 with its id, name and kind', async () => {
    // Act
    const response = await api.call('POST', '/api/organisations', {
      token: adminToken,
      body: { name: 'PT Sungai Barito Energi', kind: 'company' },
    });
    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^org_[0-9A-Z]{26}$/u),
      name: 'PT Sungai Barito Energi',
      kind: 'company',
    });
  });

  it('stores the organisation so the public list shows it with nothing pledged or confirmed yet', async () => {
    const created = await api.call('POST', '/api/organisations', {
      token: adminToken,
      body: { name: 'BAZNAS Kota Uji', kind: 'baznas' },
    });

    const list = await api.call('GET', '/api/public/organisations');

    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        id: created.body.id,
        name: 'BAZNAS Kota Uji',
        kind: 'baznas',
        pledged: 0,
        confirmed: 0,
      }),
    );
  });

  it('keeps the NPWP and trims the name', async () => {
    const response = await api.call('POST', '/api/organisations', {
      token: adminToken,
      body: { name: '  PT Kayu Manis  ', kind: 'company', npwp: '01.234.567.8-901.000' },
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'PT Kayu Manis', npwp: '01.234.567.8-901.000' });
  });

  it('records who registered the organisation and when', async () => {
    const before = Date.now();

    const response = await api.call('POST', '/api/organisations', {
      token: await api.token('admin', { sub: 'admin-ayu' }),
      body: { name: 'PT Pencatat', kind: 'company' },
    });

    expect(response.body.createdBy).toBe('admin-ayu');
    expect(Date.parse(response.body.createdAt)).toBeGreaterThanOrEqual(before - 1_000);
  });

  it.each(['treasurer', 'officer', 'approver', 'baznas', 'company'] satisfies Role[])(
    'forbids a %s to register an organisation and writes nothing',
    async (role) => {
      // Prepare
      const before = await table.snapshot();
      // Act
      const response = await api.call('POST', '/api/organisations', {
        token: await api.token(role, { orgId: 'org_SOMEWHERE' }),
        body: { name: 'PT Tidak Boleh', kind: 'company' },
      });
      // Assess
      expectProblem(response, 403, { code: 'forbidden_role' });
      expect(await table.snapshot()).toEqual(before);
    },
  );

  it.each([
    ['a missing name', { kind: 'company' }, 'name'],
    ['a one-letter name', { name: 'X', kind: 'company' }, 'name'],
    ['an unknown kind', { name: 'Yayasan Uji', kind: 'yayasan' }, 'kind'],
    ['a missing kind', { name: 'PT Tanpa Jenis' }, 'kind'],
    ['a malformed NPWP', { name: 'PT NPWP Salah', kind: 'company', npwp: '12-34' }, 'npwp'],
    ['an unknown field', { name: 'PT Lebih', kind: 'company', pledged: 1_000_000 }, 'pledged'],
  ])('answers 400 naming the field for %s, and writes nothing', async (_label, body, path) => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await api.call('POST', '/api/organisations', { token: adminToken, body });
    // Assess
    expectProblem(response, 400, { code: 'validation_failed', path });
    expect(await table.snapshot()).toEqual(before);
  });

  it('writes exactly one organisation per successful request', async () => {
    const before = itemsOf(await table.snapshot(), 'Organisation').length;

    await api.call('POST', '/api/organisations', {
      token: adminToken,
      body: { name: 'PT Satu Saja', kind: 'company' },
    });

    expect(itemsOf(await table.snapshot(), 'Organisation').length).toBe(before + 1);
  });
});
