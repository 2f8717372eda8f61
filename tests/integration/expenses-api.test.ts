import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { expectProblem } from '../support/problem.ts';
import { confirm, declare, itemsOf, registerOrganisation } from '../support/scenario.ts';

let table: IsolatedTable;
let api: LocalApi;
let officer: string;
let companyId: string;
let baznasId: string;
let csrContribution: string;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  officer = await api.token('officer', { sub: 'officer-budi' });
  [companyId, baznasId] = await Promise.all([
    registerOrganisation(api, 'company'),
    registerOrganisation(api, 'baznas'),
  ]);
  csrContribution = await declare(api, companyId, 'company', { amount: 10_000_000 });
  await confirm(api, csrContribution);
  await confirm(api, await declare(api, baznasId, 'baznas', { fund: 'ZAKAT', amount: 10_000_000 }));
  await confirm(api, await declare(api, baznasId, 'baznas', { fund: 'INFAK', amount: 2_000_000 }));
});

afterAll(async () => {
  await api.close();
});

const training = {
  fund: 'CSR',
  amount: 1_000_000,
  category: 'training',
  description: 'Pelatihan menjahit untuk 20 KPM',
  kecamatan: '63.71.01',
};

function record(body: unknown, token = officer) {
  return api.call('POST', '/api/expenses', { token, body });
}

async function balances(): Promise<Map<string, number>> {
  return new Map(
    itemsOf(await table.snapshot(), 'Account').map((item) => [item['account'] as string, item['balance'] as number]),
  );
}

/** Σ of signed balances (contributor accounts credit-normal, so negative) is zero; none below zero. */
async function expectLedgerBalanced(): Promise<void> {
  const accounts = await balances();
  let sum = 0;
  for (const [account, balance] of accounts) {
    expect(balance, account).toBeGreaterThanOrEqual(0);
    sum += account.startsWith('contributor:') ? -balance : balance;
  }
  expect(sum).toBe(0);
}

async function expectRefusedWithoutWriting(
  body: unknown,
  status: number,
  expected: { code?: string; path?: string },
  token = officer,
): Promise<void> {
  const before = await table.snapshot();

  const response = await record(body, token);

  expectProblem(response, status, expected);
  expect(await table.snapshot()).toEqual(before);
}

describe('POST /api/expenses', () => {
  it('records a programme expense in a kecamatan, attributed to the contribution that paid it', async () => {
    // Prepare
    const before = await balances();
    // Act
    const response = await record(training);
    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^exp_/u),
      fund: 'CSR',
      amount: 1_000_000,
      category: 'training',
      ceremonial: false,
      kecamatan: '63.71.01',
      entryId: expect.any(String),
      fundedBy: [{ contributionId: csrContribution, orgId: companyId, amount: 1_000_000 }],
    });
    const after = await balances();
    expect((before.get('fund:CSR') ?? 0) - (after.get('fund:CSR') ?? 0)).toBe(1_000_000);
    expect((after.get('expense:training:63.71.01:CSR') ?? 0) - (before.get('expense:training:63.71.01:CSR') ?? 0)).toBe(
      1_000_000,
    );
  });

  it('writes the ledger entry, the source, the contributor stats and the activity with the expense', async () => {
    const response = await record({ ...training, amount: 250_000 });

    const snapshot = await table.snapshot();
    const entry = itemsOf(snapshot, 'LedgerEntry').find((item) => item['id'] === response.body.entryId);
    expect(entry).toMatchObject({
      type: 'expense.recorded',
      fund: 'CSR',
      postings: [
        { account: 'fund:CSR', amount: -250_000 },
        { account: 'expense:training:63.71.01:CSR', amount: 250_000 },
      ],
      attributions: [{ use: response.body.id, contributionId: csrContribution, orgId: companyId, amount: 250_000 }],
    });
    expect(itemsOf(snapshot, 'Expense').map((item) => item['id'])).toContain(response.body.id);
    const activity = itemsOf(snapshot, 'Activity').find((item) => item['subject'] === response.body.id);
    expect(activity).toMatchObject({ action: 'expense.recorded', actor: 'officer-budi', role: 'officer' });
    const source = itemsOf(snapshot, 'FundingSource').find((item) => item['contributionId'] === csrContribution);
    const spent = itemsOf(snapshot, 'Expense')
      .filter((item) => item['fund'] === 'CSR')
      .reduce((sum, item) => sum + (item['amount'] as number), 0);
    expect(source?.['remaining']).toBe(10_000_000 - spent);
    const stats = itemsOf(snapshot, 'OrganisationStats').find((item) => item['orgId'] === companyId);
    expect(stats?.['programme']).toBe(spent);
  });

  it('books a city-wide expense on the city account when no kecamatan is named', async () => {
    const { kecamatan: _kecamatan, ...cityWide } = training;

    const response = await record({ ...cityWide, category: 'equipment', amount: 100_000 });

    expect(response.status).toBe(201);
    expect(response.body).not.toHaveProperty('kecamatan');
    expect((await balances()).get('expense:equipment:city:CSR')).toBe(100_000);
  });

  it('records amil from zakat and counts it as programme spending for BAZNAS', async () => {
    const response = await record({ ...training, fund: 'ZAKAT', category: 'amil', amount: 500_000 });

    expect(response.status).toBe(201);
    const snapshot = await table.snapshot();
    expect(itemsOf(snapshot, 'OrganisationStats').find((item) => item['orgId'] === baznasId)).toMatchObject({
      programme: 500_000,
    });
    expect(snapshot.find((item) => item['pk'] === 'FUNDYEAR#ZAKAT')).toMatchObject({ amil: 500_000 });
  });

  it('takes the fiscal year from spentOn', async () => {
    const response = await record({ ...training, amount: 1_000, spentOn: '2026-01-31' });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ spentOn: '2026-01-31', fiscalYear: 2026 });
  });

  it('refuses zakat for a ceremonial category, writing nothing', async () => {
    await expectRefusedWithoutWriting({ ...training, fund: 'ZAKAT', category: 'banner' }, 422, {
      code: 'ceremonial_refused',
      path: 'category',
    });
  });

  it('refuses amil paid from CSR, writing nothing', async () => {
    await expectRefusedWithoutWriting({ ...training, category: 'amil' }, 422, {
      code: 'amil_not_allowed',
      path: 'category',
    });
  });

  it('refuses more than the fund holds, writing nothing', async () => {
    const available = (await balances()).get('fund:INFAK') ?? 0;

    await expectRefusedWithoutWriting({ ...training, fund: 'INFAK', amount: available + 1 }, 422, {
      code: 'insufficient_fund',
      path: 'amount',
    });
  });

  it('refuses a kecamatan of another city, naming kecamatan', async () => {
    await expectRefusedWithoutWriting({ ...training, kecamatan: '32.71.01' }, 422, {
      code: 'unknown_kecamatan',
      path: 'kecamatan',
    });
  });

  it('refuses a spentOn date in the future, writing nothing', async () => {
    await expectRefusedWithoutWriting({ ...training, spentOn: '2099-01-01' }, 422, {
      code: 'spent_in_future',
      path: 'spentOn',
    });
  });

  it.each([
    ['an unknown category', { category: 'souvenir' }, 'category'],
    ['an unknown fund', { fund: 'WAKAF' }, 'fund'],
    ['an amount in a string', { amount: '1000000' }, 'amount'],
    ['an impossible date', { spentOn: '2026-02-30' }, 'spentOn'],
    ['a missing description', { description: undefined }, 'description'],
    ['an unknown field', { payee: 'CV Maju' }, 'payee'],
  ])('refuses %s with 400 naming the field', async (_label, overrides, path) => {
    await expectRefusedWithoutWriting({ ...training, ...overrides }, 400, { code: 'validation_failed', path });
  });

  it.each(['admin', 'treasurer', 'approver', 'company', 'baznas'] as const)(
    'forbids a %s to record an expense',
    async (role) => {
      const token = await api.token(role, { orgId: role === 'baznas' ? baznasId : companyId });

      await expectRefusedWithoutWriting(training, 403, { code: 'forbidden_role' }, token);
    },
  );

  it('answers 401 without a token', async () => {
    const before = await table.snapshot();

    const response = await api.call('POST', '/api/expenses', { body: training });

    expect(response.status).toBe(401);
    expect(await table.snapshot()).toEqual(before);
  });

  it('never spends the fund below zero when many expenses race for it', async () => {
    // Prepare: INFAK holds 2,000,000 minus nothing spent so far.
    const available = (await balances()).get('fund:INFAK') ?? 0;
    const each = 300_000;
    // Act
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => record({ ...training, fund: 'INFAK', category: 'health', amount: each })),
    );
    // Assess
    const created = responses.filter((response) => response.status === 201);
    expect(created).toHaveLength(Math.floor(available / each));
    for (const response of responses.filter((r) => r.status !== 201)) {
      expectProblem(response, 422, { code: 'insufficient_fund' });
    }
    expect((await balances()).get('fund:INFAK')).toBe(available - created.length * each);
  });

  it('keeps the ledger balanced: signed balances sum to zero and none is negative', async () => {
    await expectLedgerBalanced();
  });
});
