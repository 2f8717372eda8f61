import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import {
  allLines,
  allocationRules,
  fundWith,
  householdsIn,
  importRegistry,
  registryCsv,
} from '../support/money-out.ts';
import { expectProblem } from '../support/problem.ts';
import { approvedTargets, createProgramme, explanationOf, pseudonymsOf, recordTargets } from './programmes-scenario.ts';

/** Ten eligible households: six in Banjarmasin Selatan (rows 0–5), four in Banjarmasin Timur (rows 6–9). */
const csv = registryCsv([...householdsIn(['63.71.01'], 6), ...householdsIn(['63.71.02'], 4)]);

let table: IsolatedTable;
let api: LocalApi;
let officer: string;
let households: string[];

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  await importRegistry(api, csv);
  households = await pseudonymsOf(csv);
  await fundWith(api, 'CSR', 100_000_000);
  await createProgramme(api);
  await createProgramme(api, { id: 'zakat-only', fund: 'ZAKAT' });
  officer = await api.token('officer', { sub: 'officer-ani' });
});

afterAll(async () => {
  await api.close();
});

function propose(body: Record<string, unknown>) {
  return api.call('POST', '/api/allocations', { token: officer, body });
}

function tranche(number: number, benefit: number, extra: Record<string, unknown> = {}) {
  return { programmeId: 'makin-mesra', tranche: number, rules: allocationRules('CSR', 30_000_000, benefit), ...extra };
}

/** Proves a refused proposal wrote nothing. */
async function expectRefused(body: Record<string, unknown>, status: number, code: string, path: string) {
  const before = await table.snapshot();
  const response = await propose(body);
  expectProblem(response, status, { code, path });
  expect(await table.snapshot()).toEqual(before);
}

describe('POST /api/allocations for tranche 1 of a programme', () => {
  it('proposes every eligible household and keeps the programme, tranche and category', async () => {
    // Act
    const response = await propose(tranche(1, 2_000_000));
    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      programmeId: 'makin-mesra',
      tranche: 1,
      category: 'business_capital',
      lineCount: 10,
      skipped: [],
    });
  });

  it('refuses an unknown programme, naming programmeId', async () => {
    await expectRefused(tranche(1, 2_000_000, { programmeId: 'nope' }), 422, 'programme_not_found', 'programmeId');
  });

  it('refuses a programme proposal without a tranche, naming tranche', async () => {
    const { tranche: _tranche, ...body } = tranche(1, 2_000_000);
    await expectRefused(body, 422, 'tranche_required', 'tranche');
  });

  it('refuses a tranche the programme does not have, naming tranche', async () => {
    await expectRefused(tranche(4, 2_000_000), 422, 'unknown_tranche', 'tranche');
  });

  it("refuses a benefit that is not the tranche's amount", async () => {
    await expectRefused(tranche(1, 2_500_000), 422, 'tranche_amount_mismatch', 'rules.benefitPerHousehold');
  });

  it("refuses a fund other than the programme's", async () => {
    await expectRefused(tranche(1, 2_000_000, { programmeId: 'zakat-only' }), 422, 'fund_mismatch', 'rules.fund');
  });

  it("refuses a category other than the programme's", async () => {
    await expectRefused(tranche(1, 2_000_000, { category: 'education' }), 422, 'category_mismatch', 'category');
  });

  it('refuses a tranche without a programme, naming tranche', async () => {
    await expectRefused(
      { tranche: 1, rules: allocationRules('CSR', 30_000_000, 2_000_000) },
      422,
      'tranche_without_programme',
      'tranche',
    );
  });
});

describe('POST /api/allocations for tranche 2', () => {
  it('refuses tranche 2 while no household has approved stage-1 targets, writing nothing', async () => {
    // Prepare: recorded, met, but not yet approved
    await recordTargets(api, officer, households[0] as string);
    // Act + Assess
    await expectRefused(tranche(2, 3_000_000), 422, 'no_targets_met', 'tranche');
  });

  it('proposes only households whose stage-1 targets were approved and all met', async () => {
    // Prepare
    const [metApproved, metUnapproved] = [households[1] as string, households[2] as string];
    const [unmetApproved, metApprovedTimur] = [households[6] as string, households[7] as string];
    await approvedTargets(api, metApproved);
    await recordTargets(api, officer, metUnapproved);
    await approvedTargets(api, unmetApproved, false);
    await approvedTargets(api, metApprovedTimur);
    // Act
    const response = await propose(tranche(2, 3_000_000));
    // Assess
    expect(response.status).toBe(201);
    const lines = await allLines(api, response.body.id);
    expect(lines.map((line) => line.household).sort()).toEqual([metApproved, metApprovedTimur].sort());
    expect(lines.every((line) => line.amount === 3_000_000)).toBe(true);
    expect(response.body.skipped).toEqual([
      { kecamatan: '63.71.01', reason: 'targets_not_met', households: 5 },
      { kecamatan: '63.71.02', reason: 'targets_not_met', households: 3 },
    ]);
  });

  it('says in the kecamatan explanation who was left out for unmet targets', async () => {
    // Act
    const response = await propose(tranche(2, 3_000_000));
    // Assess
    expect(explanationOf(response.body, '63.71.01')).toContain(
      '5 rumah tangga layak tidak diikutkan: 5 belum memenuhi target tahap 1 yang disetujui',
    );
  });

  it('keeps the explanations when the proposal is read back', async () => {
    // Prepare
    const created = await propose(tranche(2, 3_000_000));
    // Act
    const response = await api.call('GET', `/api/allocations/${created.body.id}`, {
      token: await api.token('approver'),
    });
    // Assess
    expect(response.body).toMatchObject({ programmeId: 'makin-mesra', tranche: 2, skipped: created.body.skipped });
    expect(explanationOf(response.body, '63.71.02')).toContain('3 belum memenuhi target tahap 1');
  });
});
