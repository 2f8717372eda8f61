import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { expectProblem } from '../support/problem.ts';
import { declaration, declare, itemsOf, registerOrganisation } from '../support/scenario.ts';

let table: IsolatedTable;
let api: LocalApi;
let companyId: string;
let otherCompanyId: string;
let companyToken: string;
let treasurerToken: string;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  [companyId, otherCompanyId] = await Promise.all([
    registerOrganisation(api, 'company'),
    registerOrganisation(api, 'company'),
  ]);
  [companyToken, treasurerToken] = await Promise.all([
    api.token('company', { orgId: companyId }),
    api.token('treasurer'),
  ]);
});

afterAll(async () => {
  await api.close();
});

function keyed(key: string) {
  return { 'idempotency-key': key };
}

async function contributionsOf(orgId: string): Promise<Record<string, unknown>[]> {
  return itemsOf(await table.snapshot(), 'Contribution').filter((item) => item['orgId'] === orgId);
}

describe('Idempotency-Key on POST /api/contributions', () => {
  it('answers a repeated request with the first response and writes only one contribution', async () => {
    // Prepare
    const key = randomUUID();
    const body = declaration(companyId, 'company');
    const before = (await contributionsOf(companyId)).length;
    // Act
    const first = await api.call('POST', '/api/contributions', { token: companyToken, body, headers: keyed(key) });
    const second = await api.call('POST', '/api/contributions', { token: companyToken, body, headers: keyed(key) });
    // Assess
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect((await contributionsOf(companyId)).length).toBe(before + 1);
  });

  it('answers the same key with a different body with 422 idempotency_key_reused and writes nothing', async () => {
    // Prepare
    const key = randomUUID();
    await api.call('POST', '/api/contributions', {
      token: companyToken,
      body: declaration(companyId, 'company'),
      headers: keyed(key),
    });
    const before = await contributionsOf(companyId);
    // Act
    const response = await api.call('POST', '/api/contributions', {
      token: companyToken,
      body: declaration(companyId, 'company', { amount: 2_000_000 }),
      headers: keyed(key),
    });
    // Assess
    expectProblem(response, 422, { code: 'idempotency_key_reused', path: 'Idempotency-Key' });
    expect(await contributionsOf(companyId)).toEqual(before);
  });

  it('keeps replaying the first response after the key was misused with another body', async () => {
    // Prepare
    const key = randomUUID();
    const body = declaration(companyId, 'company');
    const first = await api.call('POST', '/api/contributions', { token: companyToken, body, headers: keyed(key) });
    await api.call('POST', '/api/contributions', {
      token: companyToken,
      body: { ...body, amount: 3 },
      headers: keyed(key),
    });
    // Act
    const retry = await api.call('POST', '/api/contributions', { token: companyToken, body, headers: keyed(key) });
    // Assess
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
  });

  it('does not let the same key sent by two different users collide', async () => {
    // Prepare
    const key = randomUUID();
    const otherToken = await api.token('company', { orgId: otherCompanyId, sub: 'other-company-user' });
    // Act
    const mine = await api.call('POST', '/api/contributions', {
      token: companyToken,
      body: declaration(companyId, 'company'),
      headers: keyed(key),
    });
    const theirs = await api.call('POST', '/api/contributions', {
      token: otherToken,
      body: declaration(otherCompanyId, 'company'),
      headers: keyed(key),
    });
    // Assess
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.orgId).toBe(otherCompanyId);
  });

  it('does not poison a key with a request that failed with 4xx: a corrected retry succeeds', async () => {
    // Prepare
    const key = randomUUID();
    const body = declaration(companyId, 'company');
    const failed = await api.call('POST', '/api/contributions', {
      token: companyToken,
      body: { ...body, amount: 0 },
      headers: keyed(key),
    });
    expect(failed.status).toBe(400);
    // Act
    const retry = await api.call('POST', '/api/contributions', { token: companyToken, body, headers: keyed(key) });
    // Assess
    expect(retry.status).toBe(201);
    expect(retry.body.transferRef).toBe(body['transferRef']);
  });

  it('does not poison a key with a request refused by a business rule', async () => {
    const key = randomUUID();
    const body = declaration(companyId, 'company');
    const refused = await api.call('POST', '/api/contributions', {
      token: companyToken,
      body: { ...body, fund: 'ZAKAT' },
      headers: keyed(key),
    });
    expect(refused.status).toBe(422);

    const retry = await api.call('POST', '/api/contributions', { token: companyToken, body, headers: keyed(key) });

    expect(retry.status).toBe(201);
  });

  it('lets requests without a key through independently', async () => {
    const body = declaration(companyId, 'company');

    const first = await api.call('POST', '/api/contributions', { token: companyToken, body });
    const second = await api.call('POST', '/api/contributions', { token: companyToken, body });

    expect([first.status, second.status]).toEqual([201, 409]);
  });

  it('writes one contribution when ten requests with one key race, answering the rest with the first response or 409 in progress', async () => {
    // Prepare
    const key = randomUUID();
    const body = declaration(companyId, 'company');
    const before = (await contributionsOf(companyId)).length;
    // Act
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.call('POST', '/api/contributions', { token: companyToken, body, headers: keyed(key) }),
      ),
    );
    // Assess
    const created = responses.filter((response) => response.status === 201);
    const others = responses.filter((response) => response.status !== 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((response) => response.body.id)).size).toBe(1);
    expect(others.map((response) => [response.status, response.body.error?.code])).toEqual(
      others.map(() => [409, 'idempotency_in_progress']),
    );
    expect((await contributionsOf(companyId)).length).toBe(before + 1);
  });
});

describe('Idempotency-Key on the other write routes', () => {
  it('replays 200 for a repeated confirmation with the same key instead of 409', async () => {
    // Prepare
    const id = await declare(api, companyId, 'company');
    const key = randomUUID();
    const path = `/api/contributions/${id}/confirm`;
    // Act
    const first = await api.call('POST', path, { token: treasurerToken, headers: keyed(key) });
    const second = await api.call('POST', path, { token: treasurerToken, headers: keyed(key) });
    // Assess
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
  });

  it('still answers 409 to a second confirmation without the key', async () => {
    const id = await declare(api, companyId, 'company');
    const path = `/api/contributions/${id}/confirm`;
    await api.call('POST', path, { token: treasurerToken, headers: keyed(randomUUID()) });

    const second = await api.call('POST', path, { token: treasurerToken });

    expect(second.status).toBe(409);
  });

  it('confirms two contributions sent with one key, as the key is scoped to the path', async () => {
    const [a, b] = await Promise.all([declare(api, companyId, 'company'), declare(api, companyId, 'company')]);
    const key = randomUUID();

    const first = await api.call('POST', `/api/contributions/${a}/confirm`, {
      token: treasurerToken,
      headers: keyed(key),
    });
    const second = await api.call('POST', `/api/contributions/${b}/confirm`, {
      token: treasurerToken,
      headers: keyed(key),
    });

    expect([first.body.id, second.body.id]).toEqual([a, b]);
    expect([first.status, second.status]).toEqual([200, 200]);
  });

  it('registers one organisation for a repeated request with the same key', async () => {
    // Prepare
    const key = randomUUID();
    const token = await api.token('admin');
    const body = { name: `PT Sekali ${key}`, kind: 'company' };
    // Act
    const first = await api.call('POST', '/api/organisations', { token, body, headers: keyed(key) });
    const second = await api.call('POST', '/api/organisations', { token, body, headers: keyed(key) });
    // Assess
    expect(second.body.id).toBe(first.body.id);
    const named = itemsOf(await table.snapshot(), 'Organisation').filter((item) => item['name'] === body.name);
    expect(named).toHaveLength(1);
  });

  it('records one pledge for a repeated request with the same key', async () => {
    // Prepare
    const key = randomUUID();
    const body = { orgId: otherCompanyId, amount: 123_456_789, fiscalYear: new Date().getUTCFullYear() };
    const token = await api.token('company', { orgId: otherCompanyId });
    // Act
    const first = await api.call('POST', '/api/pledges', { token, body, headers: keyed(key) });
    const second = await api.call('POST', '/api/pledges', { token, body, headers: keyed(key) });
    // Assess
    expect(second.body.id).toBe(first.body.id);
    const pledges = itemsOf(await table.snapshot(), 'Pledge').filter((item) => item['amount'] === 123_456_789);
    expect(pledges).toHaveLength(1);
  });
});
