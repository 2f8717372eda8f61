import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { roles } from '../../shared/domain/caller.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { expectProblem } from '../support/problem.ts';
import { itemsOf } from '../support/scenario.ts';

let table: IsolatedTable;
let api: LocalApi;
let admin: string;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  admin = await api.token('admin', { sub: 'admin-sari' });
});

afterAll(async () => {
  await api.close();
});

function update(body: unknown, token = admin) {
  return api.call('POST', '/api/settings', { token, body });
}

async function expectRefusedWithoutWriting(
  body: unknown,
  status: number,
  expected: { code?: string; path?: string },
  token = admin,
): Promise<void> {
  const before = await table.snapshot();

  const response = await update(body, token);

  expectProblem(response, status, expected);
  expect(await table.snapshot()).toEqual(before);
}

describe('GET /api/settings', () => {
  it('answers the defaults before an admin saved anything', async () => {
    const response = await api.call('GET', '/api/settings', { token: await api.token('officer') });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      householdAnnualCap: null,
      ceremonialCap: { CSR: 0, ZAKAT: 0, INFAK: 0 },
      amilCap: { CSR: 0, ZAKAT: 0.125, INFAK: 0.125 },
    });
  });

  it.each(roles)('lets a %s read the settings', async (role) => {
    const response = await api.call('GET', '/api/settings', { token: await api.token(role, { orgId: 'org_x' }) });

    expect(response.status).toBe(200);
  });

  it('answers 401 without a token', async () => {
    const response = await api.call('GET', '/api/settings');

    expect(response.status).toBe(401);
  });
});

describe('POST /api/settings', () => {
  it('changes only the caps it names and answers the merged settings', async () => {
    const response = await update({ ceremonialCap: { CSR: 0.05 }, amilCap: { INFAK: 0.1 } });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      householdAnnualCap: null,
      ceremonialCap: { CSR: 0.05, ZAKAT: 0, INFAK: 0 },
      amilCap: { CSR: 0, ZAKAT: 0.125, INFAK: 0.1 },
      updatedAt: expect.any(String),
      updatedBy: 'admin-sari',
    });
  });

  it('keeps earlier changes when a later update names other caps', async () => {
    await update({ ceremonialCap: { INFAK: 0.02 } });

    const response = await update({ householdAnnualCap: 6_000_000 });

    expect(response.body).toMatchObject({
      householdAnnualCap: 6_000_000,
      ceremonialCap: { CSR: 0.05, ZAKAT: 0, INFAK: 0.02 },
      amilCap: { INFAK: 0.1 },
    });
    const read = await api.call('GET', '/api/settings', { token: await api.token('approver') });
    expect(read.body).toEqual(response.body);
  });

  it('lifts the household ceiling with null', async () => {
    const response = await update({ householdAnnualCap: null });

    expect(response.body.householdAnnualCap).toBeNull();
  });

  it('accepts the settings as read, sent back unchanged', async () => {
    const { householdAnnualCap, ceremonialCap, amilCap } = (await api.call('GET', '/api/settings', { token: admin }))
      .body;

    const response = await update({ householdAnnualCap, ceremonialCap, amilCap });

    expect(response.status).toBe(200);
  });

  it('records who changed what in the activity trail', async () => {
    await update({ amilCap: { ZAKAT: 0.1 } });

    const activity = itemsOf(await table.snapshot(), 'Activity').filter((item) => item['subject'] === 'settings');
    expect(activity.map((item) => item['details'])).toContainEqual({ 'amilCap.ZAKAT': 0.1 });
    expect(activity.every((item) => item['action'] === 'settings.updated' && item['actor'] === 'admin-sari')).toBe(
      true,
    );
  });

  it('refuses a ceremonial share for zakat: zakat never pays ceremonies', async () => {
    await expectRefusedWithoutWriting({ ceremonialCap: { ZAKAT: 0.01 } }, 422, { path: 'ceremonialCap.ZAKAT' });
  });

  it('refuses a zakat amil share above 12.5 % (UU 23/2011)', async () => {
    await expectRefusedWithoutWriting({ amilCap: { ZAKAT: 0.13 } }, 422, { path: 'amilCap.ZAKAT' });
  });

  it('refuses an amil share for CSR', async () => {
    await expectRefusedWithoutWriting({ amilCap: { CSR: 0.05 } }, 422, { path: 'amilCap.CSR' });
  });

  it.each([
    ['a share above 100 %', { ceremonialCap: { CSR: 5 } }, 'ceremonialCap.CSR'],
    ['a share in percent as a string', { ceremonialCap: { CSR: '5%' } }, 'ceremonialCap.CSR'],
    ['a negative household ceiling', { householdAnnualCap: -1 }, 'householdAnnualCap'],
    ['an unknown setting', { maxGraduations: 3 }, 'maxGraduations'],
    ['an empty update', {}, '(body)'],
  ])('refuses %s with 400 naming the field', async (_label, body, path) => {
    await expectRefusedWithoutWriting(body, 400, { code: 'validation_failed', path });
  });

  it.each(['officer', 'treasurer', 'approver', 'company', 'baznas'] as const)(
    'forbids a %s to change the settings',
    async (role) => {
      const token = await api.token(role, { orgId: 'org_x' });

      await expectRefusedWithoutWriting({ ceremonialCap: { CSR: 1 } }, 403, { code: 'forbidden_role' }, token);
    },
  );

  it('keeps both changes when two admins save different caps at once', async () => {
    const [first, second] = await Promise.all([
      update({ ceremonialCap: { CSR: 0.03 } }),
      update({ amilCap: { INFAK: 0.07 } }),
    ]);

    expect([first.status, second.status]).toEqual([200, 200]);
    const read = await api.call('GET', '/api/settings', { token: admin });
    expect(read.body).toMatchObject({ ceremonialCap: { CSR: 0.03 }, amilCap: { INFAK: 0.07 } });
  });
});
