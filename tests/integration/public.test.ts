import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { expectProblem } from '../support/problem.ts';
import { confirm, declare, pledge, publicView, registerOrganisation } from '../support/scenario.ts';

let api: LocalApi;

beforeAll(async () => {
  await useIsolatedTable();
  api = await startLocalApi();
});

afterAll(async () => {
  await api.close();
});

type PublicOrganisation = { id: string; name: string; kind: string; pledged: number; confirmed: number };

async function publicOrganisation(id: string): Promise<PublicOrganisation | undefined> {
  return ((await publicView(api)).organisations as PublicOrganisation[]).find((org) => org.id === id);
}

describe('GET /api/health', () => {
  it('answers 200 {"status":"ok"}', async () => {
    // Act
    const response = await api.call('GET', '/api/health');
    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});

describe('GET /api/public/kecamatan', () => {
  it('lists the five kecamatan of Banjarmasin with their 2018 poor-household counts, by code', async () => {
    const response = await api.call('GET', '/api/public/kecamatan');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        {
          code: '63.71.01',
          name: 'Banjarmasin Selatan',
          poorHouseholds: 11_417,
          eligibleHouseholds: null,
          graduated: null,
          fellBack: null,
        },
        {
          code: '63.71.02',
          name: 'Banjarmasin Timur',
          poorHouseholds: 6_621,
          eligibleHouseholds: null,
          graduated: null,
          fellBack: null,
        },
        {
          code: '63.71.03',
          name: 'Banjarmasin Barat',
          poorHouseholds: 8_429,
          eligibleHouseholds: null,
          graduated: null,
          fellBack: null,
        },
        {
          code: '63.71.04',
          name: 'Banjarmasin Utara',
          poorHouseholds: 7_514,
          eligibleHouseholds: null,
          graduated: null,
          fellBack: null,
        },
        {
          code: '63.71.05',
          name: 'Banjarmasin Tengah',
          poorHouseholds: 5_555,
          eligibleHouseholds: null,
          graduated: null,
          fellBack: null,
        },
      ],
    });
  });
});

describe('GET /api/public/summary', () => {
  it('names the city, says it is not demo data and gives totals per fund', async () => {
    // Act
    const response = await api.call('GET', '/api/public/summary');
    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      city: { code: '63.71', name: 'Kota Banjarmasin' },
      demo: false,
      pledged: expect.any(Number),
      confirmed: expect.any(Number),
      byFund: { CSR: expect.any(Number), ZAKAT: expect.any(Number), INFAK: expect.any(Number) },
      balances: { CSR: expect.any(Number), ZAKAT: expect.any(Number), INFAK: expect.any(Number) },
      organisations: expect.any(Number),
    });
    expect(Date.parse(response.body.asOf)).not.toBeNaN();
  });

  it('is never cached', async () => {
    const response = await api.call('GET', '/api/public/summary');

    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('changes nothing confirmed when a contribution is only declared', async () => {
    // Prepare
    const orgId = await registerOrganisation(api, 'company');
    const before = await publicView(api);
    // Act
    await declare(api, orgId, 'company', { amount: 4_000_000 });
    // Assess
    const after = await publicView(api);
    expect(after.summary).toEqual(before.summary);
    expect(await publicOrganisation(orgId)).toMatchObject({ confirmed: 0 });
  });

  it('adds a confirmed CSR contribution to confirmed, byFund.CSR and the CSR balance', async () => {
    // Prepare
    const orgId = await registerOrganisation(api, 'company');
    const id = await declare(api, orgId, 'company', { amount: 6_500_000 });
    const { summary: before } = await publicView(api);
    // Act
    await confirm(api, id);
    // Assess
    const { summary: after } = await publicView(api);
    const delta = (path: (s: any) => number) => path(after) - path(before);
    expect({
      confirmed: delta((s) => s.confirmed),
      CSR: delta((s) => s.byFund.CSR),
      ZAKAT: delta((s) => s.byFund.ZAKAT),
      INFAK: delta((s) => s.byFund.INFAK),
      csrBalance: delta((s) => s.balances.CSR),
      pledged: delta((s) => s.pledged),
    }).toEqual({ confirmed: 6_500_000, CSR: 6_500_000, ZAKAT: 0, INFAK: 0, csrBalance: 6_500_000, pledged: 0 });
  });

  it('keeps BAZNAS zakat and infak in their own funds', async () => {
    const orgId = await registerOrganisation(api, 'baznas');
    const zakat = await declare(api, orgId, 'baznas', { fund: 'ZAKAT', amount: 350_000 });
    const infak = await declare(api, orgId, 'baznas', { fund: 'INFAK', amount: 120_000 });
    const { summary: before } = await publicView(api);

    await confirm(api, zakat);
    await confirm(api, infak);

    const { summary: after } = await publicView(api);
    const byFund = (s: any) => s.byFund as Record<string, number>;
    expect({
      CSR: byFund(after)['CSR']! - byFund(before)['CSR']!,
      ZAKAT: byFund(after)['ZAKAT']! - byFund(before)['ZAKAT']!,
      INFAK: byFund(after)['INFAK']! - byFund(before)['INFAK']!,
    }).toEqual({ CSR: 0, ZAKAT: 350_000, INFAK: 120_000 });
  });

  it('counts every registered organisation', async () => {
    const { summary: before } = await publicView(api);

    await registerOrganisation(api, 'company');

    const { summary: after } = await publicView(api);
    expect((after['organisations'] as number) - (before['organisations'] as number)).toBe(1);
  });
});

describe('GET /api/public/organisations', () => {
  it('shows an organisation’s pledged and confirmed totals after declare → confirm', async () => {
    // Prepare
    const orgId = await registerOrganisation(api, 'company', 'PT Transparan');
    await pledge(api, orgId, { amount: 20_000_000 });
    const confirmed = await declare(api, orgId, 'company', { amount: 5_000_000 });
    await declare(api, orgId, 'company', { amount: 1_000_000 });
    // Act
    await confirm(api, confirmed);
    // Assess
    expect(await publicOrganisation(orgId)).toEqual({
      id: orgId,
      name: 'PT Transparan',
      kind: 'company',
      pledged: 20_000_000,
      confirmed: 5_000_000,
      reachedHouseholds: 0,
      disbursed: 0,
      programme: 0,
      ceremonial: 0,
      ceremonialShare: 0,
      reachedKecamatan: [],
    });
  });

  it('sorts organisations by name', async () => {
    await Promise.all([
      registerOrganisation(api, 'company', 'Zeta Abadi'),
      registerOrganisation(api, 'company', 'Alfa Jaya'),
    ]);

    const names = ((await publicView(api)).organisations as PublicOrganisation[]).map((org) => org.name);

    expect(names.indexOf('Alfa Jaya')).toBeLessThan(names.indexOf('Zeta Abadi'));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'id')));
  });

  it('shows only public fields', async () => {
    const orgId = await registerOrganisation(api, 'company');

    const organisation = await publicOrganisation(orgId);

    expect(Object.keys(organisation ?? {}).sort()).toEqual([
      'ceremonial',
      'ceremonialShare',
      'confirmed',
      'disbursed',
      'id',
      'kind',
      'name',
      'pledged',
      'programme',
      'reachedHouseholds',
      'reachedKecamatan',
    ]);
  });
});

describe('unknown routes', () => {
  it.each([
    ['GET', '/api/nope'],
    ['GET', '/api/organisations'],
    ['DELETE', '/api/contributions/ctb_1'],
    ['POST', '/api/public/summary'],
  ])('%s %s answers 404 with a JSON error', async (method, path) => {
    // Act
    const response = await api.call(method, path);
    // Assess
    expectProblem(response, 404, { code: 'route_not_found' });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/u);
  });
});
