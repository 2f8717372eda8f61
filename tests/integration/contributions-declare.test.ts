import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type ApiResponse, type CallOptions, type LocalApi } from '../support/local-api.ts';
import { expectProblem } from '../support/problem.ts';
import { declaration, itemsOf, pledge, publicView, registerOrganisation } from '../support/scenario.ts';

let table: IsolatedTable;
let api: LocalApi;
let companyId: string;
let otherCompanyId: string;
let baznasId: string;
let companyToken: string;
let baznasToken: string;
let otherCompanyPledgeId: string;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  [companyId, otherCompanyId, baznasId] = await Promise.all([
    registerOrganisation(api, 'company'),
    registerOrganisation(api, 'company'),
    registerOrganisation(api, 'baznas'),
  ]);
  [companyToken, baznasToken] = await Promise.all([
    api.token('company', { orgId: companyId }),
    api.token('baznas', { orgId: baznasId }),
  ]);
  otherCompanyPledgeId = await pledge(api, otherCompanyId);
});

afterAll(async () => {
  await api.close();
});

function declare(options: CallOptions): Promise<ApiResponse> {
  return api.call('POST', '/api/contributions', options);
}

/** Runs a request that must be refused and proves that neither the table nor the public view changed. */
async function refused(options: CallOptions): Promise<ApiResponse> {
  const [tableBefore, publicBefore] = await Promise.all([table.snapshot(), publicView(api)]);
  const response = await declare(options);
  const [tableAfter, publicAfter] = await Promise.all([table.snapshot(), publicView(api)]);
  expect(tableAfter).toEqual(tableBefore);
  expect(publicAfter).toEqual(publicBefore);
  return response;
}

describe('POST /api/contributions: accepted declarations', () => {
  it('lets a company declare a CSR transfer and answers 201 with status declared', async () => {
    // Prepare
    const body = declaration(companyId, 'company', { amount: 7_500_000 });
    // Act
    const response = await declare({ token: companyToken, body });
    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^ctb_/u),
      status: 'declared',
      orgId: companyId,
      fund: 'CSR',
      amount: 7_500_000,
      transferRef: body['transferRef'],
      transferredAt: '2026-01-15T01:30:00.000Z',
    });
  });

  it.each(['ZAKAT', 'INFAK'])('lets BAZNAS declare %s', async (fund) => {
    const response = await declare({ token: baznasToken, body: declaration(baznasId, 'baznas', { fund }) });

    expect(response.status).toBe(201);
    expect(response.body.fund).toBe(fund);
  });

  it('accepts a plain calendar date as transferredAt', async () => {
    const response = await declare({
      token: companyToken,
      body: declaration(companyId, 'company', { transferredAt: '2026-11-01' }),
    });

    expect(response.status).toBe(201);
    expect(response.body.transferredAt).toBe('2026-11-01T00:00:00.000Z');
  });

  it('carries the earmark of the pledge it pays into', async () => {
    // Prepare
    const earmark = { kecamatan: ['63.71.02'], category: 'health' };
    const pledgeId = await pledge(api, companyId, { earmark });
    // Act
    const response = await declare({ token: companyToken, body: declaration(companyId, 'company', { pledgeId }) });
    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ pledgeId, earmark });
  });

  it('changes nothing confirmed in the public view while only declared', async () => {
    const before = await publicView(api);

    await declare({ token: companyToken, body: declaration(companyId, 'company', { amount: 9_000_000 }) });

    const after = await publicView(api);
    expect(after.summary['confirmed']).toBe(before.summary['confirmed']);
    expect(after.summary['byFund']).toEqual(before.summary['byFund']);
  });

  it('lets a different organisation use a transfer reference another organisation already used', async () => {
    // Prepare
    const transferRef = `SHARED-${Date.now()}`;
    await declare({ token: companyToken, body: declaration(companyId, 'company', { transferRef }) });
    // Act
    const response = await declare({
      token: await api.token('company', { orgId: otherCompanyId }),
      body: declaration(otherCompanyId, 'company', { transferRef }),
    });
    // Assess
    expect(response.status).toBe(201);
  });
});

describe('POST /api/contributions: refused declarations write nothing', () => {
  it('answers 400 for a body that is not JSON', async () => {
    const response = await refused({
      token: companyToken,
      rawBody: '{"orgId": "x", amount: 5',
      headers: { 'content-type': 'application/json' },
    });

    expectProblem(response, 400, { code: 'invalid_json', path: '(body)' });
  });

  it('answers 400 for a missing body', async () => {
    const response = await refused({ token: companyToken, headers: { 'content-type': 'application/json' } });

    expectProblem(response, 400, { code: 'missing_body', path: '(body)' });
  });

  it('answers 413 for a body above 64 KB', async () => {
    // Prepare
    const body = declaration(companyId, 'company', { note: 'x'.repeat(65 * 1024) });
    // Act
    const response = await refused({ token: companyToken, body });
    // Assess
    expectProblem(response, 413, { code: 'payload_too_large', path: '(body)' });
  });

  it('answers 415 for a body that is not sent as JSON', async () => {
    const response = await refused({
      token: companyToken,
      rawBody: JSON.stringify(declaration(companyId, 'company')),
      headers: { 'content-type': 'text/plain' },
    });

    expectProblem(response, 415, { code: 'unsupported_media_type', path: 'Content-Type' });
  });

  it('answers 415 for a form-encoded body', async () => {
    const response = await refused({
      token: companyToken,
      rawBody: `orgId=${companyId}&fund=CSR&amount=1000000`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expectProblem(response, 415, { code: 'unsupported_media_type' });
  });

  it('answers 400 naming each unknown field', async () => {
    const response = await refused({
      token: companyToken,
      body: declaration(companyId, 'company', { status: 'confirmed', entryId: 'entry_x' }),
    });

    expectProblem(response, 400, { code: 'validation_failed', path: 'status' });
    expect(response.body.error.issues).toContainEqual({ path: 'entryId', message: 'is not a known field' });
  });

  it.each([
    ['zero', 0],
    ['negative', -5],
    ['fractional', 1.5],
    ['a numeric string', '1000000'],
    ['a formatted rupiah string', 'Rp 1.000.000'],
    ['above 10^15', 1e15 + 1],
    ['2^53', 2 ** 53],
  ])('answers 400 naming amount for a %s amount', async (_label, amount) => {
    const response = await refused({ token: companyToken, body: declaration(companyId, 'company', { amount }) });

    expectProblem(response, 400, { code: 'validation_failed', path: 'amount' });
  });

  it('answers 400 for an unknown fund', async () => {
    const response = await refused({ token: companyToken, body: declaration(companyId, 'company', { fund: 'WAKAF' }) });

    expectProblem(response, 400, { code: 'validation_failed', path: 'fund' });
  });

  it('answers 400 for a malformed transferredAt', async () => {
    const response = await refused({
      token: companyToken,
      body: declaration(companyId, 'company', { transferredAt: '2026-02-30' }),
    });

    expectProblem(response, 400, { code: 'validation_failed', path: 'transferredAt' });
  });

  it('answers 400 for a transferredAt without a time-zone offset', async () => {
    const response = await refused({
      token: companyToken,
      body: declaration(companyId, 'company', { transferredAt: '2026-11-01T10:00:00' }),
    });

    expectProblem(response, 400, { code: 'validation_failed', path: 'transferredAt' });
  });

  it('answers 422 for a transfer dated in the future', async () => {
    // Prepare
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
    // Act
    const response = await refused({
      token: companyToken,
      body: declaration(companyId, 'company', { transferredAt: tomorrow }),
    });
    // Assess
    expectProblem(response, 422, { code: 'transfer_in_future', path: 'transferredAt' });
  });

  it('rejects a zakat contribution from a company with 422', async () => {
    const response = await refused({ token: companyToken, body: declaration(companyId, 'company', { fund: 'ZAKAT' }) });

    expectProblem(response, 422, { code: 'fund_not_allowed_for_company', path: 'fund' });
  });

  it('rejects an infak contribution from a company with 422', async () => {
    const response = await refused({ token: companyToken, body: declaration(companyId, 'company', { fund: 'INFAK' }) });

    expectProblem(response, 422, { code: 'fund_not_allowed_for_company', path: 'fund' });
  });

  it('rejects a CSR contribution from BAZNAS with 422', async () => {
    const response = await refused({ token: baznasToken, body: declaration(baznasId, 'baznas', { fund: 'CSR' }) });

    expectProblem(response, 422, { code: 'fund_not_allowed_for_baznas', path: 'fund' });
  });

  it('forbids declaring for an organisation other than the caller’s with 403', async () => {
    const response = await refused({ token: companyToken, body: declaration(otherCompanyId, 'company') });

    expectProblem(response, 403, { code: 'forbidden_organisation', path: 'orgId' });
  });

  it('forbids a company token without an organisation with 403', async () => {
    const response = await refused({ token: await api.token('company'), body: declaration(companyId, 'company') });

    expectProblem(response, 403, { code: 'forbidden_organisation', path: 'orgId' });
  });

  it('answers 404 when the caller’s organisation does not exist', async () => {
    // Prepare
    const ghost = 'org_01JGHOST0000000000000000000';
    // Act
    const response = await refused({
      token: await api.token('company', { orgId: ghost }),
      body: declaration(ghost, 'company'),
    });
    // Assess
    expectProblem(response, 404, { code: 'organisation_not_found', path: 'orgId' });
  });

  it('answers 404 for an unknown pledge', async () => {
    const response = await refused({
      token: companyToken,
      body: declaration(companyId, 'company', { pledgeId: 'plg_DOESNOTEXIST' }),
    });

    expectProblem(response, 404, { code: 'pledge_not_found', path: 'pledgeId' });
  });

  it('answers 422 for a pledge of another organisation', async () => {
    const response = await refused({
      token: companyToken,
      body: declaration(companyId, 'company', { pledgeId: otherCompanyPledgeId }),
    });

    expectProblem(response, 422, { code: 'pledge_of_another_organisation', path: 'pledgeId' });
  });

  it('answers 409 for a transfer reference the organisation already declared', async () => {
    // Prepare
    const transferRef = `DUP-${Date.now()}`;
    const first = await declare({ token: companyToken, body: declaration(companyId, 'company', { transferRef }) });
    expect(first.status).toBe(201);
    // Act
    const response = await refused({
      token: companyToken,
      body: declaration(companyId, 'company', { transferRef, amount: 2_000_000 }),
    });
    // Assess
    expectProblem(response, 409, { code: 'duplicate_transfer_ref', path: 'transferRef' });
  });

  it('treats transfer references that differ only in case and spacing as the same', async () => {
    const stamp = Date.now();
    await declare({ token: companyToken, body: declaration(companyId, 'company', { transferRef: `bri ${stamp} a` }) });

    const response = await refused({
      token: companyToken,
      body: declaration(companyId, 'company', { transferRef: `BRI${stamp}A` }),
    });

    expectProblem(response, 409, { code: 'duplicate_transfer_ref' });
  });
});

describe('POST /api/contributions: what is stored', () => {
  it('writes one contribution per accepted declaration', async () => {
    const before = itemsOf(await table.snapshot(), 'Contribution').length;

    await declare({ token: companyToken, body: declaration(companyId, 'company') });

    expect(itemsOf(await table.snapshot(), 'Contribution').length).toBe(before + 1);
  });

  it('records who declared the transfer', async () => {
    const token = await api.token('company', { orgId: companyId, sub: 'finance-dewi' });

    const response = await declare({ token, body: declaration(companyId, 'company') });

    expect(response.body.declaredBy).toBe('finance-dewi');
  });
});
