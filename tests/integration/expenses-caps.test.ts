import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { expectProblem } from '../support/problem.ts';
import { confirm, declare, itemsOf, registerOrganisation } from '../support/scenario.ts';

/**
 * Ceremonial and amil spending are capped per fund at a share of the money the fund received in
 * the same fiscal year. CSR 10,000,000, ZAKAT 8,000,000 and INFAK 4,000,000 are confirmed this year.
 */
let table: IsolatedTable;
let api: LocalApi;
let officer: string;
let admin: string;
let companyId: string;
const thisYear = new Date().getUTCFullYear();

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  officer = await api.token('officer');
  admin = await api.token('admin');
  companyId = await registerOrganisation(api, 'company');
  const baznasId = await registerOrganisation(api, 'baznas');
  await confirm(api, await declare(api, companyId, 'company', { amount: 10_000_000 }));
  await confirm(api, await declare(api, baznasId, 'baznas', { fund: 'ZAKAT', amount: 8_000_000 }));
  await confirm(api, await declare(api, baznasId, 'baznas', { fund: 'INFAK', amount: 4_000_000 }));
});

afterAll(async () => {
  await api.close();
});

function expense(fund: string, category: string, amount: number, extra: Record<string, unknown> = {}) {
  return api.call('POST', '/api/expenses', {
    token: officer,
    body: { fund, category, amount, description: `${category} ${amount}`, ...extra },
  });
}

async function setCaps(body: Record<string, unknown>): Promise<void> {
  const response = await api.call('POST', '/api/settings', { token: admin, body });
  expect(response.status).toBe(200);
}

async function fundYear(fund: string): Promise<Record<string, unknown> | undefined> {
  return (await table.snapshot()).find((item) => item['pk'] === `FUNDYEAR#${fund}` && item['sk'] === String(thisYear));
}

async function expectRefusedWithoutWriting(
  act: () => Promise<Awaited<ReturnType<typeof expense>>>,
  code: string,
): Promise<string> {
  const before = await table.snapshot();

  const response = await act();

  expectProblem(response, 422, { code, path: 'amount' });
  expect(await table.snapshot()).toEqual(before);
  return response.body.error.message as string;
}

describe('ceremonial spending', () => {
  it('refuses any ceremony from CSR under the default cap of 0 %, saying how to change it', async () => {
    const message = await expectRefusedWithoutWriting(() => expense('CSR', 'ceremony', 1), 'ceremonial_cap_exceeded');

    expect(message).toContain('0%');
    expect(message).toContain('Rp 10.000.000');
    expect(message).toContain('ceremonialCap.CSR');
  });

  it('refuses ceremonial spending from INFAK under its default cap of 0 %', async () => {
    await expectRefusedWithoutWriting(() => expense('INFAK', 'publicity', 1_000), 'ceremonial_cap_exceeded');
  });

  it('allows ceremonial spending up to the share the admin set, and no rupiah more', async () => {
    // Prepare: 5 % of 10,000,000 = 500,000.
    await setCaps({ ceremonialCap: { CSR: 0.05 } });
    // Act
    const first = await expense('CSR', 'banner', 300_000, { kecamatan: '63.71.02' });
    const message = await expectRefusedWithoutWriting(
      () => expense('CSR', 'event_catering', 200_001),
      'ceremonial_cap_exceeded',
    );
    const last = await expense('CSR', 'plaque', 200_000);
    // Assess
    expect([first.status, last.status]).toEqual([201, 201]);
    expect(first.body).toMatchObject({ ceremonial: true, category: 'banner' });
    expect(message).toContain('Rp 500.000');
    expect(message).toContain('Rp 300.000 is already spent');
    expect(await fundYear('CSR')).toMatchObject({ confirmed: 10_000_000, ceremonial: 500_000 });
  });

  it("adds ceremonial spending to the contributor's ceremonial counter", async () => {
    const stats = itemsOf(await table.snapshot(), 'OrganisationStats').find((item) => item['orgId'] === companyId);

    expect(stats).toMatchObject({ ceremonial: 500_000 });
    expect(stats?.['programme'] ?? 0).toBe(0);
  });

  it('measures the cap against the money of the fiscal year the expense was spent in', async () => {
    // Nothing was confirmed last year, so last year's cap is 0 whatever the share.
    const message = await expectRefusedWithoutWriting(
      () => expense('CSR', 'banner', 1, { spentOn: `${thisYear - 1}-12-31` }),
      'ceremonial_cap_exceeded',
    );

    expect(message).toContain(`in ${thisYear - 1}`);
  });

  it('lets exactly the ceremonies that fit through when many race for the cap', async () => {
    // Prepare: 5 % of 4,000,000 = 200,000 = four of 50,000.
    await setCaps({ ceremonialCap: { INFAK: 0.05 } });
    // Act
    const responses = await Promise.all(Array.from({ length: 10 }, () => expense('INFAK', 'ceremony', 50_000)));
    // Assess
    expect(responses.filter((response) => response.status === 201)).toHaveLength(4);
    for (const response of responses.filter((r) => r.status !== 201)) {
      expectProblem(response, 422, { code: 'ceremonial_cap_exceeded' });
    }
    expect(await fundYear('INFAK')).toMatchObject({ ceremonial: 200_000 });
  });
});

describe('amil spending', () => {
  it('allows zakat amil up to 12.5 % of the zakat confirmed this year', async () => {
    const response = await expense('ZAKAT', 'amil', 1_000_000);

    expect(response.status).toBe(201);
    expect(await fundYear('ZAKAT')).toMatchObject({ amil: 1_000_000 });
  });

  it('refuses zakat amil beyond 12.5 %, citing the law', async () => {
    const message = await expectRefusedWithoutWriting(() => expense('ZAKAT', 'amil', 1), 'amil_cap_exceeded');

    expect(message).toContain('12,5%');
    expect(message).toContain('UU 23/2011');
  });

  it('applies the amil share the admin set for INFAK', async () => {
    // Prepare: 10 % of 4,000,000 = 400,000.
    await setCaps({ amilCap: { INFAK: 0.1 } });
    // Act
    const message = await expectRefusedWithoutWriting(() => expense('INFAK', 'amil', 400_001), 'amil_cap_exceeded');
    const allowed = await expense('INFAK', 'amil', 400_000);
    // Assess
    expect(message).toContain('10%');
    expect(allowed.status).toBe(201);
  });
});
