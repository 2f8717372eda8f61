import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import {
  allLines,
  allocationRules,
  approveAs,
  fundWith,
  householdsIn,
  importRegistry,
  proposeAllocation,
  registryCsv,
} from '../support/money-out.ts';

let table: IsolatedTable;
let api: LocalApi;
let unrestricted: { orgId: string };
let forSelatan: { orgId: string };

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  await importRegistry(api, registryCsv(householdsIn(['63.71.01', '63.71.02'], 4)));
  forSelatan = await fundWith(api, 'CSR', 1_000_000, { kecamatan: ['63.71.01'] });
  unrestricted = await fundWith(api, 'CSR', 3_000_000);
});

afterAll(async () => {
  await api.close();
});

describe('attribution of an approved allocation', () => {
  it('pays lines in the earmarked kecamatan from the earmarked money first-in, and others from free money', async () => {
    const proposal = await proposeAllocation(api, { rules: allocationRules('CSR', 4_000_000, 500_000) });
    await approveAs(api, proposal.id);

    const lines = await allLines(api, proposal.id);

    const outside = lines.filter((line) => line.kecamatan !== '63.71.01');
    expect(outside.length).toBeGreaterThan(0);
    for (const line of outside) {
      expect(line.fundedBy.map((share: { orgId: string }) => share.orgId)).toEqual([unrestricted.orgId]);
    }
    const earmarkedSpent = lines
      .flatMap((line) => line.fundedBy)
      .filter((share: { orgId: string }) => share.orgId === forSelatan.orgId)
      .reduce((sum: number, share: { amount: number }) => sum + share.amount, 0);
    expect(earmarkedSpent).toBe(1_000_000);
  });

  it('refuses an approval whose lines only money earmarked elsewhere could pay', async () => {
    await fundWith(api, 'CSR', 2_000_000, { kecamatan: ['63.71.05'] });
    const proposal = await proposeAllocation(api, { rules: allocationRules('CSR', 1_000_000, 500_000) });
    const before = await table.snapshot();

    const response = await approveAs(api, proposal.id);

    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('earmark_shortfall');
    expect(await table.snapshot()).toEqual(before);
  });
});
