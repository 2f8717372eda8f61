import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable } from '../support/isolated-table.ts';
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
import { explanationOf } from './programmes-scenario.ts';

let api: LocalApi;
/** Households that received Rp 3.000.000 in 2026 through an approved proposal, by kecamatan. */
let received: { household: string; kecamatan: string }[];

beforeAll(async () => {
  await useIsolatedTable();
  api = await startLocalApi();
  await importRegistry(api, registryCsv([...householdsIn(['63.71.01'], 4), ...householdsIn(['63.71.02'], 2)]));
  await fundWith(api, 'CSR', 100_000_000);
  const first = await proposeAllocation(api, { rules: allocationRules('CSR', 6_000_000, 3_000_000) });
  const approved = await approveAs(api, first.id);
  if (approved.status !== 200) throw new Error(`approve failed: ${JSON.stringify(approved.body)}`);
  received = (await allLines(api, first.id)).map((line) => ({ household: line.household, kecamatan: line.kecamatan }));
});

afterAll(async () => {
  await api.close();
});

async function setCap(householdAnnualCap: number | null) {
  const response = await api.call('POST', '/api/settings', {
    token: await api.token('admin'),
    body: { householdAnnualCap },
  });
  if (response.status !== 200) throw new Error(`settings failed: ${response.status} ${JSON.stringify(response.body)}`);
}

const everyone = () => allocationRules('CSR', 18_000_000, 3_000_000);

describe('the per-household annual cap in POST /api/allocations', () => {
  it('leaves nobody out while no cap is set', async () => {
    // Act
    const proposal = await proposeAllocation(api, { rules: everyone() });
    // Assess
    expect(received).toHaveLength(2);
    expect(proposal.lineCount).toBe(6);
    expect(proposal.skipped).toEqual([]);
  });

  it('leaves out households whose year total would pass the cap', async () => {
    // Prepare
    await setCap(5_000_000);
    // Act
    const proposal = await proposeAllocation(api, { rules: everyone() });
    // Assess
    const lines = await allLines(api, proposal.id);
    const capped = new Set(received.map((entry) => entry.household));
    expect(lines).toHaveLength(4);
    expect(lines.some((line) => capped.has(line.household))).toBe(false);
    const perKecamatan = new Map<string, number>();
    for (const { kecamatan } of received) perKecamatan.set(kecamatan, (perKecamatan.get(kecamatan) ?? 0) + 1);
    expect(proposal.skipped).toEqual(
      [...perKecamatan]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kecamatan, households]) => ({ kecamatan, reason: 'household_cap', households })),
    );
  });

  it('says in the kecamatan explanation that capped households were left out', async () => {
    // Prepare
    await setCap(5_000_000);
    const kecamatan = received[0]?.kecamatan as string;
    // Act
    const proposal = await proposeAllocation(api, { rules: everyone() });
    // Assess
    expect(explanationOf(proposal, kecamatan)).toMatch(
      /rumah tangga layak tidak diikutkan: \d akan melampaui batas bantuan per rumah tangga tahun 2026 \(Rp 5\.000\.000\)/u,
    );
  });

  it('still admits a household whose total stays within the cap', async () => {
    // Prepare
    await setCap(6_000_000);
    // Act
    const proposal = await proposeAllocation(api, { rules: everyone() });
    // Assess
    expect(proposal.lineCount).toBe(6);
    expect(proposal.skipped).toEqual([]);
  });

  it('counts only what was received in the fiscal year of asOf', async () => {
    // Prepare
    await setCap(5_000_000);
    // Act
    const proposal = await proposeAllocation(api, {
      rules: allocationRules('CSR', 18_000_000, 3_000_000, { asOf: '2027-01-10' }),
    });
    // Assess
    expect(proposal.fiscalYear).toBe(2027);
    expect(proposal.lineCount).toBe(6);
    expect(proposal.skipped).toEqual([]);
  });
});
