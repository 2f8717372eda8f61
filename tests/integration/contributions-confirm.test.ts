import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { callLikeAClient } from '../support/client-retry.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { declare, registerOrganisation } from '../support/scenario.ts';

let table: IsolatedTable;
let api: LocalApi;
let companyId: string;
let baznasId: string;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  companyId = await registerOrganisation(api, 'company');
  baznasId = await registerOrganisation(api, 'baznas');
});

afterAll(async () => {
  await api.close();
});

async function summary() {
  return (await api.call('GET', '/api/public/summary')).body;
}

describe('POST /api/contributions/{id}/confirm', () => {
  it('moves a declared contribution into its fund and answers with the ledger entry', async () => {
    // Prepare
    const id = await declare(api, companyId, 'company', { amount: 7_500_000 });
    const before = await summary();
    // Act
    const response = await api.call('POST', `/api/contributions/${id}/confirm`, {
      token: await api.token('treasurer'),
    });
    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id, status: 'confirmed', entryId: expect.any(String) });
    const after = await summary();
    expect(after.byFund.CSR - before.byFund.CSR).toBe(7_500_000);
    expect(after.confirmed - before.confirmed).toBe(7_500_000);
  });

  it('refuses to confirm the same contribution twice', async () => {
    const id = await declare(api, companyId, 'company');
    const token = await api.token('treasurer');
    await api.call('POST', `/api/contributions/${id}/confirm`, { token });

    const second = await api.call('POST', `/api/contributions/${id}/confirm`, { token });

    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_confirmed');
  });

  it.each(['company', 'officer', 'approver', 'admin'] as const)('forbids a %s to confirm', async (role) => {
    const id = await declare(api, companyId, 'company');
    const before = await table.snapshot();

    const response = await api.call('POST', `/api/contributions/${id}/confirm`, {
      token: await api.token(role, { orgId: companyId }),
    });

    expect(response.status).toBe(403);
    expect(await table.snapshot()).toEqual(before);
  });

  it('lets BAZNAS confirm its own zakat', async () => {
    const id = await declare(api, baznasId, 'baznas', { fund: 'ZAKAT' });

    const response = await api.call('POST', `/api/contributions/${id}/confirm`, {
      token: await api.token('baznas', { orgId: baznasId }),
    });

    expect(response.status).toBe(200);
  });

  it('forbids BAZNAS to confirm a company contribution', async () => {
    const id = await declare(api, companyId, 'company');

    const response = await api.call('POST', `/api/contributions/${id}/confirm`, {
      token: await api.token('baznas', { orgId: baznasId }),
    });

    expect(response.status).toBe(403);
  });

  it('answers 404 for an unknown contribution', async () => {
    const response = await api.call('POST', '/api/contributions/ctb_DOESNOTEXIST/confirm', {
      token: await api.token('treasurer'),
    });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('contribution_not_found');
  });

  it('posts exactly once when 50 confirmations of one contribution race', async () => {
    // Prepare
    const id = await declare(api, companyId, 'company', { amount: 3_000_000 });
    const token = await api.token('treasurer');
    const before = await summary();
    // Act
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => api.call('POST', `/api/contributions/${id}/confirm`, { token })),
    );
    // Assess
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status !== 200).every((status) => status === 409)).toBe(true);
    expect((await summary()).byFund.CSR - before.byFund.CSR).toBe(3_000_000);
  });

  it('posts every one of 50 different contributions confirmed at once', async () => {
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, index) => declare(api, companyId, 'company', { amount: 1_000 + index })),
    );
    const token = await api.token('treasurer');
    const before = await summary();

    const responses = await Promise.all(
      ids.map((id) => callLikeAClient(api, 'POST', `/api/contributions/${id}/confirm`, { token })),
    );

    // A retried request whose first attempt did commit answers 409 already_confirmed: still one posting.
    expect(
      responses.every((response) => response.status === 200 || response.body.error?.code === 'already_confirmed'),
    ).toBe(true);
    const expected = ids.reduce((total, _, index) => total + 1_000 + index, 0);
    expect((await summary()).byFund.CSR - before.byFund.CSR).toBe(expected);
  });
});
