import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { followCsrMoneyOut, selatan, timur } from '../support/money-out-scenario.ts';
import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';

/**
 * The public reports after money went out (the routes of the other issue-4 areas): a table of
 * its own, so the CSR fund holds only this company's money and FIFO attribution is predictable.
 */
let api: LocalApi;

beforeAll(async () => {
  await useIsolatedTable();
  api = await startLocalApi();
});

afterAll(async () => {
  await api.close();
});

describe('after an approval, payments and expenses', () => {
  let spenderId: string;

  beforeAll(async () => {
    ({ companyId: spenderId } = await followCsrMoneyOut(api, 'PT Penyalur Terbuka (fiktif)'));
  }, 120_000);

  it('shows the contributor’s paid, programme and ceremonial money and its ceremonial share', async () => {
    const { body } = await api.call('GET', '/api/public/organisations');

    expect(body.items.find((org: { id: string }) => org.id === spenderId)).toMatchObject({
      confirmed: 10_000_000,
      reachedHouseholds: 6,
      disbursed: 3_000_000,
      programme: 600_000,
      ceremonial: 800_000,
      ceremonialShare: 0.1818,
    });
  });

  it('shows where the money reached households, withholding a count under 5 but not its money', async () => {
    const { body } = await api.call('GET', '/api/public/organisations');

    expect(body.items.find((org: { id: string }) => org.id === spenderId).reachedKecamatan).toEqual([
      { code: selatan, households: 5, amount: 2_500_000 },
      { code: timur, households: null, amount: 500_000 },
    ]);
  });

  it('draws the fund into each kecamatan and on to households, reserved, programmes and ceremonial', async () => {
    const { body } = await api.call('GET', '/api/public/flows');

    expect(body.links).toEqual([
      { source: `contributor:${spenderId}`, target: 'fund:CSR', fund: 'CSR', amount: 10_000_000 },
      { source: 'fund:CSR', target: `kecamatan:${selatan}`, fund: 'CSR', amount: 3_800_000 },
      { source: 'fund:CSR', target: `kecamatan:${timur}`, fund: 'CSR', amount: 1_000_000 },
      { source: 'fund:CSR', target: 'kecamatan:city', fund: 'CSR', amount: 600_000 },
      { source: 'fund:CSR', target: 'use:unspent', fund: 'CSR', amount: 4_600_000 },
      { source: `kecamatan:${selatan}`, target: 'use:households', fund: 'CSR', amount: 2_500_000 },
      { source: `kecamatan:${selatan}`, target: 'use:reserved', fund: 'CSR', amount: 500_000 },
      { source: `kecamatan:${selatan}`, target: 'use:ceremonial', fund: 'CSR', amount: 800_000 },
      { source: `kecamatan:${timur}`, target: 'use:households', fund: 'CSR', amount: 500_000 },
      { source: `kecamatan:${timur}`, target: 'use:reserved', fund: 'CSR', amount: 500_000 },
      { source: 'kecamatan:city', target: 'use:programmes', fund: 'CSR', amount: 600_000 },
    ]);
  });

  it('labels the kecamatan by name and city-wide spending as “Seluruh kota”', async () => {
    const { body } = await api.call('GET', '/api/public/flows');

    const labels = Object.fromEntries(body.nodes.map((node: { id: string; label: string }) => [node.id, node.label]));
    expect(labels).toMatchObject({
      [`kecamatan:${selatan}`]: 'Banjarmasin Selatan',
      [`kecamatan:${timur}`]: 'Banjarmasin Timur',
      'kecamatan:city': 'Seluruh kota',
    });
  });

  it('totals the spending by use', async () => {
    const { body } = await api.call('GET', '/api/public/flows');

    expect(body.totals).toMatchObject({
      confirmed: 10_000_000,
      households: 3_000_000,
      reserved: 1_000_000,
      programmes: 600_000,
      ceremonial: 800_000,
      unspent: 4_600_000,
    });
  });
});
