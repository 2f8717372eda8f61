import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { expectProblem } from '../support/problem.ts';
import { itemsOf, publicView, registerOrganisation } from '../support/scenario.ts';

let table: IsolatedTable;
let api: LocalApi;
let companyId: string;
let otherCompanyId: string;
let companyToken: string;
const thisYear = new Date().getUTCFullYear();

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  [companyId, otherCompanyId] = await Promise.all([
    registerOrganisation(api, 'company'),
    registerOrganisation(api, 'company'),
  ]);
  companyToken = await api.token('company', { orgId: companyId });
});

afterAll(async () => {
  await api.close();
});

function pledgeBody(overrides: Record<string, unknown> = {}) {
  return { orgId: companyId, amount: 2_000_000_000, fiscalYear: thisYear, ...overrides };
}

async function organisation(id: string) {
  const { organisations } = await publicView(api);
  return (organisations as { id: string; pledged: number }[]).find((org) => org.id === id);
}

describe('POST /api/pledges', () => {
  it('lets a company pledge for its own organisation and answers 201 with the pledge', async () => {
    // Act
    const response = await api.call('POST', '/api/pledges', {
      token: companyToken,
      body: pledgeBody({ amount: 1_200_000_000 }),
    });
    // Assess
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^plg_/u),
      orgId: companyId,
      amount: 1_200_000_000,
      fiscalYear: thisYear,
    });
  });

  it('lets the admin pledge for any organisation', async () => {
    const response = await api.call('POST', '/api/pledges', {
      token: await api.token('admin'),
      body: pledgeBody({ orgId: otherCompanyId }),
    });

    expect(response.status).toBe(201);
    expect(response.body.orgId).toBe(otherCompanyId);
  });

  it('keeps an earmark restricted to kecamatan of the city and a category', async () => {
    const earmark = { kecamatan: ['63.71.01', '63.71.03'], category: 'education' };

    const response = await api.call('POST', '/api/pledges', { token: companyToken, body: pledgeBody({ earmark }) });

    expect(response.status).toBe(201);
    expect(response.body.earmark).toEqual(earmark);
  });

  it('forbids a company to pledge for another organisation, and writes nothing', async () => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await api.call('POST', '/api/pledges', {
      token: companyToken,
      body: pledgeBody({ orgId: otherCompanyId }),
    });
    // Assess
    expectProblem(response, 403, { code: 'forbidden_organisation', path: 'orgId' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('answers 404 for a pledge to an organisation that does not exist', async () => {
    const before = await table.snapshot();

    const response = await api.call('POST', '/api/pledges', {
      token: await api.token('admin'),
      body: pledgeBody({ orgId: 'org_DOESNOTEXIST' }),
    });

    expectProblem(response, 404, { code: 'organisation_not_found', path: 'orgId' });
    expect(await table.snapshot()).toEqual(before);
  });

  it.each([
    ['zero', 0],
    ['negative', -5],
    ['fractional', 1.5],
    ['a numeric string', '1000000'],
    ['a formatted rupiah string', 'Rp 1.000.000'],
    ['above 10^15', 1e15 + 1],
    ['2^53', 2 ** 53],
  ])('answers 400 naming amount for a %s amount, and writes nothing', async (_label, amount) => {
    // Prepare
    const before = await table.snapshot();
    // Act
    const response = await api.call('POST', '/api/pledges', { token: companyToken, body: pledgeBody({ amount }) });
    // Assess
    expectProblem(response, 400, { code: 'validation_failed', path: 'amount' });
    expect(await table.snapshot()).toEqual(before);
  });

  it.each([
    ['two years back', thisYear - 2],
    ['six years ahead', thisYear + 6],
  ])('answers 422 for a fiscal year %s', async (_label, fiscalYear) => {
    const before = await table.snapshot();

    const response = await api.call('POST', '/api/pledges', { token: companyToken, body: pledgeBody({ fiscalYear }) });

    expectProblem(response, 422, { code: 'fiscal_year_out_of_range', path: 'fiscalYear' });
    expect(await table.snapshot()).toEqual(before);
  });

  it.each([
    ['last year', thisYear - 1],
    ['five years ahead', thisYear + 5],
  ])('accepts a fiscal year %s', async (_label, fiscalYear) => {
    const response = await api.call('POST', '/api/pledges', { token: companyToken, body: pledgeBody({ fiscalYear }) });

    expect(response.status).toBe(201);
  });

  it('answers 400 for a fiscal year outside 2000–2100 before any business rule', async () => {
    const response = await api.call('POST', '/api/pledges', {
      token: companyToken,
      body: pledgeBody({ fiscalYear: 1999 }),
    });

    expectProblem(response, 400, { code: 'validation_failed', path: 'fiscalYear' });
  });

  it('answers 422 naming earmark.kecamatan.N for each kecamatan outside the city', async () => {
    // Prepare
    const before = await table.snapshot();
    const earmark = { kecamatan: ['63.71.01', '63.72.01', '63.71.99'] };
    // Act
    const response = await api.call('POST', '/api/pledges', { token: companyToken, body: pledgeBody({ earmark }) });
    // Assess
    expectProblem(response, 422, { code: 'unknown_kecamatan' });
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'earmark.kecamatan.1',
      'earmark.kecamatan.2',
    ]);
    expect(await table.snapshot()).toEqual(before);
  });

  it('answers 400 for an earmark that restricts nothing', async () => {
    const response = await api.call('POST', '/api/pledges', { token: companyToken, body: pledgeBody({ earmark: {} }) });

    expectProblem(response, 400, { code: 'validation_failed', path: 'earmark' });
  });

  it('adds the pledged amount to the organisation in the public list and the summary', async () => {
    // Prepare
    const orgId = await registerOrganisation(api, 'company');
    const before = await publicView(api);
    const token = await api.token('company', { orgId });
    // Act
    await api.call('POST', '/api/pledges', { token, body: pledgeBody({ orgId, amount: 700_000_000 }) });
    await api.call('POST', '/api/pledges', {
      token,
      body: pledgeBody({ orgId, amount: 50_000_000, fiscalYear: thisYear + 1 }),
    });
    // Assess
    expect(await organisation(orgId)).toMatchObject({ pledged: 750_000_000, confirmed: 0 });
    const after = await publicView(api);
    expect((after.summary['pledged'] as number) - (before.summary['pledged'] as number)).toBe(750_000_000);
    expect(after.summary['confirmed']).toBe(before.summary['confirmed']);
  });

  it('writes one pledge per successful request', async () => {
    const before = itemsOf(await table.snapshot(), 'Pledge').length;

    await api.call('POST', '/api/pledges', { token: companyToken, body: pledgeBody() });

    expect(itemsOf(await table.snapshot(), 'Pledge').length).toBe(before + 1);
  });
});
