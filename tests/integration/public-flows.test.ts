import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { confirm, declare, registerOrganisation } from '../support/scenario.ts';

let api: LocalApi;
let companyId: string;
let baznasId: string;

type Link = { source: string; target: string; fund: string; amount: number };

beforeAll(async () => {
  await useIsolatedTable();
  api = await startLocalApi();
  companyId = await registerOrganisation(api, 'company', 'PT Aliran Dana (fiktif)');
  baznasId = await registerOrganisation(api, 'baznas', 'BAZNAS Aliran (fiktif)');
  await confirm(api, await declare(api, companyId, 'company', { amount: 7_000_000 }));
  await confirm(api, await declare(api, companyId, 'company', { amount: 3_000_000 }));
  await confirm(api, await declare(api, baznasId, 'baznas', { fund: 'ZAKAT', amount: 2_500_000 }));
  await declare(api, companyId, 'company', { amount: 99_000_000 });
});

afterAll(async () => {
  await api.close();
});

describe('GET /api/public/flows after confirmations', () => {
  it('answers without a token, never cached', async () => {
    const response = await api.call('GET', '/api/public/flows');

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Date.parse(response.body.asOf)).not.toBeNaN();
  });

  it('sends each contributor’s confirmed money to its fund and leaves it unspent there', async () => {
    const { body } = await api.call('GET', '/api/public/flows');

    expect(body.links).toEqual([
      { source: `contributor:${baznasId}`, target: 'fund:ZAKAT', fund: 'ZAKAT', amount: 2_500_000 },
      { source: `contributor:${companyId}`, target: 'fund:CSR', fund: 'CSR', amount: 10_000_000 },
      { source: 'fund:CSR', target: 'use:unspent', fund: 'CSR', amount: 10_000_000 },
      { source: 'fund:ZAKAT', target: 'use:unspent', fund: 'ZAKAT', amount: 2_500_000 },
    ]);
  });

  it('names the nodes the links touch, contributors by organisation name', async () => {
    const { body } = await api.call('GET', '/api/public/flows');

    expect(body.nodes).toEqual([
      { id: `contributor:${baznasId}`, kind: 'contributor', label: 'BAZNAS Aliran (fiktif)' },
      { id: `contributor:${companyId}`, kind: 'contributor', label: 'PT Aliran Dana (fiktif)' },
      { id: 'fund:CSR', kind: 'fund', label: 'CSR' },
      { id: 'fund:ZAKAT', kind: 'fund', label: 'Zakat' },
      { id: 'use:unspent', kind: 'use', label: 'Belum digunakan' },
    ]);
  });

  it('totals the confirmed money, all of it unspent', async () => {
    const { body } = await api.call('GET', '/api/public/flows');

    expect(body.totals).toMatchObject({
      confirmed: 12_500_000,
      households: 0,
      reserved: 0,
      programmes: 0,
      ceremonial: 0,
      unspent: 12_500_000,
    });
    expect(body.links.filter((l: Link) => l.source.startsWith('contributor:')).length).toBe(2);
  });
});

describe('GET /api/public/organisations outcomes after confirmations', () => {
  it('shows a contributor that has spent nothing yet with zero outcomes', async () => {
    const { body } = await api.call('GET', '/api/public/organisations');

    expect(body.items.find((org: { id: string }) => org.id === companyId)).toEqual({
      id: companyId,
      name: 'PT Aliran Dana (fiktif)',
      kind: 'company',
      pledged: 0,
      confirmed: 10_000_000,
      reachedHouseholds: 0,
      disbursed: 0,
      programme: 0,
      ceremonial: 0,
      ceremonialShare: 0,
      reachedKecamatan: [],
    });
  });
});
