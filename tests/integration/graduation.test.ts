import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import {
  allLines,
  allocationRules,
  fundWith,
  householdsIn,
  importRegistry,
  proposeAllocation,
  registryCsv,
} from '../support/money-out.ts';
import { expectProblem } from '../support/problem.ts';
import { itemsOf } from '../support/scenario.ts';
import { explanationOf, graduate, pseudonymsOf } from './programmes-scenario.ts';

/** Eight households in Banjarmasin Selatan (rows 0–7), three in Banjarmasin Timur (rows 8–10). */
const csv = registryCsv([...householdsIn(['63.71.01'], 8), ...householdsIn(['63.71.02'], 3)]);

let table: IsolatedTable;
let api: LocalApi;
let officer: string;
let households: string[];

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  await importRegistry(api, csv);
  households = await pseudonymsOf(csv);
  await fundWith(api, 'CSR', 50_000_000);
  officer = await api.token('officer', { sub: 'officer-ani' });
});

afterAll(async () => {
  await api.close();
});

function household(index: number): string {
  return households[index] as string;
}

async function followUp(index: number, body: Record<string, unknown>, token = officer) {
  return api.call('POST', `/api/graduations/${household(index)}/follow-ups`, { token, body });
}

function statsOf(snapshot: Record<string, unknown>[], kecamatan: string) {
  return itemsOf(snapshot, 'KecamatanGraduationStats').find((item) => item['kecamatan'] === kecamatan);
}

async function publicKecamatan(code: string) {
  const response = await api.call('GET', '/api/public/kecamatan');
  return (response.body.items as { code: string; graduated: number | null; fellBack: number | null }[]).find(
    (item) => item.code === code,
  );
}

describe('POST /api/graduations', () => {
  it('records a graduation with its kecamatan, counter and activity record', async () => {
    // Act
    const response = await graduate(api, household(0));
    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      household: household(0),
      kecamatan: '63.71.01',
      kind: 'mandiri',
      graduatedOn: '2025-01-15',
      recordedBy: 'officer-ani',
      followUps: {},
    });
    const snapshot = await table.snapshot();
    expect(statsOf(snapshot, '63.71.01')).toMatchObject({ graduated: 1 });
    expect(itemsOf(snapshot, 'Activity')).toContainEqual(
      expect.objectContaining({ subject: household(0), action: 'graduation.recorded', actor: 'officer-ani' }),
    );
  });

  it('refuses to graduate a household twice, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await graduate(api, household(0), { kind: 'alamiah' });
    // Assess
    expectProblem(response, 409, { code: 'already_graduated', path: 'household' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('answers 404 for a household the registry does not hold, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await api.call('POST', '/api/graduations', {
      token: officer,
      body: { household: 'f'.repeat(32), kind: 'paksa', graduatedOn: '2025-01-15', reason: 'tidak patuh' },
    });
    // Assess
    expectProblem(response, 404, { code: 'household_not_found', path: 'household' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses a graduation dated in the future, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await graduate(api, household(1), { graduatedOn: '2099-12-31' });
    // Assess
    expectProblem(response, 422, { code: 'date_in_future', path: 'graduatedOn' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('forbids an approver to record a graduation, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await api.call('POST', '/api/graduations', {
      token: await api.token('approver'),
      body: { household: household(1), kind: 'mandiri', graduatedOn: '2025-01-15', reason: 'penghasilan cukup' },
    });
    // Assess
    expectProblem(response, 403, { code: 'forbidden_role' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses an unknown kind of graduation, naming kind', async () => {
    // Act
    const response = await graduate(api, household(1), { kind: 'lulus' });
    // Assess
    expectProblem(response, 400, { path: 'kind' });
  });
});

describe('POST /api/graduations/{household}/follow-ups', () => {
  beforeAll(async () => {
    await graduate(api, household(1));
    await graduate(api, household(2));
  });

  it('records the 6-month follow-up', async () => {
    // Act
    const response = await followUp(1, { months: 6, checkedOn: '2025-07-15', fellBack: false, note: 'usaha jalan' });
    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ household: household(1), months: 6, fellBack: false });
    expect(itemsOf(await table.snapshot(), 'Graduation')).toContainEqual(
      expect.objectContaining({
        household: household(1),
        followUps: { 6: expect.objectContaining({ fellBack: false }) },
      }),
    );
  });

  it('refuses the same follow-up twice, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await followUp(1, { months: 6, checkedOn: '2025-08-01', fellBack: true });
    // Assess
    expectProblem(response, 409, { code: 'follow_up_exists', path: 'months' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses a follow-up before that many months have passed, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await followUp(1, { months: 12, checkedOn: '2026-01-14', fellBack: false });
    // Assess
    expectProblem(response, 422, { code: 'follow_up_too_early', path: 'checkedOn' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('answers 404 for a household that has not graduated, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await followUp(7, { months: 6, checkedOn: '2025-07-15', fellBack: false });
    // Assess
    expectProblem(response, 404, { code: 'not_graduated' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('forbids a company to record a follow-up, writing nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await followUp(
      1,
      { months: 12, checkedOn: '2026-01-15', fellBack: false },
      await api.token('company', { orgId: 'org_x' }),
    );
    // Assess
    expectProblem(response, 403, { code: 'forbidden_role' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses follow-ups other than 6 and 12 months, naming months', async () => {
    // Act
    const response = await followUp(1, { months: 9, checkedOn: '2025-10-15', fellBack: false });
    // Assess
    expectProblem(response, 400, { path: 'months' });
  });

  it('counts a household found fallen back once, however many follow-ups find it so', async () => {
    // Act
    const six = await followUp(2, { months: 6, checkedOn: '2025-07-20', fellBack: true });
    const twelve = await followUp(2, { months: 12, checkedOn: '2026-01-20', fellBack: true });
    // Assess
    expect([six.status, twelve.status]).toEqual([201, 201]);
    expect(statsOf(await table.snapshot(), '63.71.01')).toMatchObject({ graduated: 3, fellBack: 1 });
  });
});

describe('GET /api/public/kecamatan with graduations', () => {
  it('withholds fewer than five graduations in a kecamatan', async () => {
    // Act
    const selatan = await publicKecamatan('63.71.01');
    // Assess
    expect(selatan).toMatchObject({ graduated: null, fellBack: null });
  });

  it('publishes the graduated count once it reaches five, still withholding a small fell-back count', async () => {
    // Prepare
    await graduate(api, household(3));
    await graduate(api, household(4));
    // Act
    const [selatan, timur] = [await publicKecamatan('63.71.01'), await publicKecamatan('63.71.02')];
    // Assess
    expect(selatan).toMatchObject({ graduated: 5, fellBack: null });
    expect(timur).toMatchObject({ graduated: null, fellBack: null });
  });
});

describe('POST /api/allocations after graduations', () => {
  it('leaves graduated households out even when the rules do not exclude graduates', async () => {
    // Act
    const proposal = await proposeAllocation(api, {
      rules: allocationRules('CSR', 11_000_000, 1_000_000, {
        eligibility: { maxDesil: 4, verifiedWithinMonths: 12, requireMustahik: false, excludeGraduated: false },
      }),
    });
    // Assess
    const lines = await allLines(api, proposal.id);
    const graduated = new Set([0, 1, 2, 3, 4].map(household));
    expect(lines).toHaveLength(6);
    expect(lines.some((line) => graduated.has(line.household))).toBe(false);
    expect(proposal.skipped).toEqual([{ kecamatan: '63.71.01', reason: 'graduated', households: 5 }]);
  });

  it('says in the kecamatan explanation that graduated households were left out', async () => {
    // Act
    const proposal = await proposeAllocation(api, { rules: allocationRules('CSR', 11_000_000, 1_000_000) });
    // Assess
    expect(explanationOf(proposal, '63.71.01')).toContain('5 rumah tangga layak tidak diikutkan: 5 sudah graduasi');
    expect(explanationOf(proposal, '63.71.02')).not.toContain('tidak diikutkan');
  });
});
