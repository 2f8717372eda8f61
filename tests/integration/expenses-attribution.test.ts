import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { expectProblem } from '../support/problem.ts';
import { confirm, declare, itemsOf, pledge, registerOrganisation } from '../support/scenario.ts';

/**
 * CSR money confirmed in this order (oldest first):
 *   1. education earmarked to Banjarmasin Selatan (63.71.01)  2,000,000
 *   2. clean water, any kecamatan                              1,000,000
 *   3. anything in Banjarmasin Barat (63.71.03)                1,000,000
 *   4. health in Banjarmasin Tengah (63.71.05)                   200,000
 *   5. unrestricted                                            3,000,000
 */
let table: IsolatedTable;
let api: LocalApi;
let officer: string;
const sources: Record<'education' | 'cleanWater' | 'barat' | 'tengahHealth' | 'free', { id: string; orgId: string }> =
  {} as never;

async function confirmedContribution(amount: number, earmark?: Record<string, unknown>) {
  const orgId = await registerOrganisation(api, 'company');
  const pledgeId = earmark ? await pledge(api, orgId, { amount, earmark }) : undefined;
  const id = await declare(api, orgId, 'company', { amount, ...(pledgeId ? { pledgeId } : {}) });
  await confirm(api, id);
  return { id, orgId };
}

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  officer = await api.token('officer');
  sources.education = await confirmedContribution(2_000_000, { kecamatan: ['63.71.01'], category: 'education' });
  sources.cleanWater = await confirmedContribution(1_000_000, { category: 'clean_water' });
  sources.barat = await confirmedContribution(1_000_000, { kecamatan: ['63.71.03'] });
  sources.tengahHealth = await confirmedContribution(200_000, { kecamatan: ['63.71.05'], category: 'health' });
  sources.free = await confirmedContribution(3_000_000);
  const settings = await api.call('POST', '/api/settings', {
    token: await api.token('admin'),
    body: { ceremonialCap: { CSR: 0.1 } },
  });
  expect(settings.status).toBe(200);
});

afterAll(async () => {
  await api.close();
});

function expense(category: string, amount: number, kecamatan?: string) {
  return api.call('POST', '/api/expenses', {
    token: officer,
    body: { fund: 'CSR', category, amount, description: `${category} test`, ...(kecamatan ? { kecamatan } : {}) },
  });
}

function funding(source: { id: string; orgId: string }, amount: number) {
  return { contributionId: source.id, orgId: source.orgId, amount };
}

describe('POST /api/expenses attributes money FIFO, keeping earmarks', () => {
  it('pays a matching expense from the oldest earmarked money first', async () => {
    const response = await expense('education', 500_000, '63.71.01');

    expect(response.status).toBe(201);
    expect(response.body.fundedBy).toEqual([funding(sources.education, 500_000)]);
  });

  it('spills over to the next money its earmark allows when the first runs out', async () => {
    const response = await expense('health', 250_000, '63.71.05');

    expect(response.body.fundedBy).toEqual([funding(sources.tengahHealth, 200_000), funding(sources.free, 50_000)]);
  });

  it('pays a city-wide expense only from money without a kecamatan earmark', async () => {
    const response = await expense('clean_water', 100_000);

    expect(response.body.fundedBy).toEqual([funding(sources.cleanWater, 100_000)]);
  });

  it('never pays ceremonial spending from money earmarked for a programme category', async () => {
    const response = await expense('banner', 100_000, '63.71.01');

    expect(response.status).toBe(201);
    expect(response.body.fundedBy).toEqual([funding(sources.free, 100_000)]);
  });

  it('lets money earmarked only to a kecamatan pay any expense there', async () => {
    const response = await expense('training', 100_000, '63.71.03');

    expect(response.body.fundedBy).toEqual([funding(sources.barat, 100_000)]);
  });

  it('takes from each source what it attributed, and credits each contributor', async () => {
    const snapshot = await table.snapshot();
    const remaining = Object.fromEntries(
      itemsOf(snapshot, 'FundingSource').map((item) => [item['contributionId'], item['remaining']]),
    );
    const stats = Object.fromEntries(
      itemsOf(snapshot, 'OrganisationStats').map((item) => [
        item['orgId'],
        { programme: item['programme'] ?? 0, ceremonial: item['ceremonial'] ?? 0 },
      ]),
    );

    expect(remaining).toEqual({
      [sources.education.id]: 1_500_000,
      [sources.cleanWater.id]: 900_000,
      [sources.barat.id]: 900_000,
      [sources.tengahHealth.id]: 0,
      [sources.free.id]: 2_850_000,
    });
    expect(stats).toEqual({
      [sources.education.orgId]: { programme: 500_000, ceremonial: 0 },
      [sources.cleanWater.orgId]: { programme: 100_000, ceremonial: 0 },
      [sources.barat.orgId]: { programme: 100_000, ceremonial: 0 },
      [sources.tengahHealth.orgId]: { programme: 200_000, ceremonial: 0 },
      [sources.free.orgId]: { programme: 50_000, ceremonial: 100_000 },
    });
  });

  it('refuses with no_matching_funds when the fund holds enough but earmarks keep it from this use', async () => {
    // The fund holds 6,150,000 but only the unrestricted 2,850,000 may pay city-wide health costs.
    const before = await table.snapshot();

    const response = await expense('health', 3_000_000);

    expectProblem(response, 422, { code: 'no_matching_funds', path: 'amount' });
    expect(response.body.error.message).toContain('Rp 150.000 is missing');
    expect(await table.snapshot()).toEqual(before);
  });
});
