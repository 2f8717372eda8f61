import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '../../shared/domain/caller.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { declaration, declare, registerOrganisation } from '../support/scenario.ts';

let table: IsolatedTable;
let api: LocalApi;
let companyId: string;
let baznasId: string;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  [companyId, baznasId] = await Promise.all([
    registerOrganisation(api, 'company'),
    registerOrganisation(api, 'baznas'),
  ]);
});

afterAll(async () => {
  await api.close();
});

/**
 * Each role calls each write route with a request that is valid in every other respect: the token
 * carries the organisation the body names (company → the company, baznas → BAZNAS, every other
 * role → the company), so the status depends on the role alone.
 */
function orgFor(role: Role): { orgId: string; kind: 'company' | 'baznas' } {
  return role === 'baznas' ? { orgId: baznasId, kind: 'baznas' } : { orgId: companyId, kind: 'company' };
}

interface WriteRoute {
  readonly name: string;
  request(role: Role): Promise<{ path: string; body: unknown }>;
}

const writeRoutes: Record<string, WriteRoute> = {
  organisations: {
    name: 'POST /api/organisations',
    request: async () => ({ path: '/api/organisations', body: { name: 'PT Peran', kind: 'company' } }),
  },
  pledges: {
    name: 'POST /api/pledges',
    request: async (role) => ({
      path: '/api/pledges',
      body: { orgId: orgFor(role).orgId, amount: 10_000_000, fiscalYear: new Date().getUTCFullYear() },
    }),
  },
  declare: {
    name: 'POST /api/contributions',
    request: async (role) => ({ path: '/api/contributions', body: declaration(orgFor(role).orgId, orgFor(role).kind) }),
  },
  confirm: {
    name: 'POST /api/contributions/{id}/confirm',
    request: async (role) => {
      const { orgId, kind } = orgFor(role);
      return { path: `/api/contributions/${await declare(api, orgId, kind)}/confirm`, body: {} };
    },
  },
};

const expectations: readonly [keyof typeof writeRoutes, Role, number][] = [
  ['organisations', 'admin', 201],
  ['organisations', 'treasurer', 403],
  ['organisations', 'officer', 403],
  ['organisations', 'approver', 403],
  ['organisations', 'baznas', 403],
  ['organisations', 'company', 403],

  ['pledges', 'admin', 201],
  ['pledges', 'treasurer', 403],
  ['pledges', 'officer', 403],
  ['pledges', 'approver', 403],
  ['pledges', 'baznas', 403],
  ['pledges', 'company', 201],

  ['declare', 'admin', 403],
  ['declare', 'treasurer', 403],
  ['declare', 'officer', 403],
  ['declare', 'approver', 403],
  ['declare', 'baznas', 201],
  ['declare', 'company', 201],

  ['confirm', 'admin', 403],
  ['confirm', 'treasurer', 200],
  ['confirm', 'officer', 403],
  ['confirm', 'approver', 403],
  ['confirm', 'baznas', 200],
  ['confirm', 'company', 403],
];

describe('who may call each write route', () => {
  it.each(expectations.map(([route, role, status]) => ({ route: writeRoutes[route] as WriteRoute, role, status })))(
    '$route.name as $role answers $status',
    async ({ route, role, status }) => {
      // Prepare
      const { path, body } = await route.request(role);
      const token = await api.token(role, { orgId: orgFor(role).orgId });
      const before = await table.snapshot();
      // Act
      const response = await api.call('POST', path, { token, body });
      // Assess
      const wrote = JSON.stringify(await table.snapshot()) !== JSON.stringify(before);
      expect({ status: response.status, errorCode: response.body.error?.code, wrote }).toEqual({
        status,
        errorCode: status === 403 ? 'forbidden_role' : undefined,
        wrote: status !== 403,
      });
    },
  );

  it('forbids a token without any group on every write route', async () => {
    // Prepare
    const token = await api.token([], { orgId: companyId });
    const requests = await Promise.all(Object.values(writeRoutes).map((route) => route.request('company')));
    // Act
    const statuses = await Promise.all(
      requests.map(({ path, body }) => api.call('POST', path, { token, body }).then((r) => r.status)),
    );
    // Assess
    expect(statuses).toEqual([403, 403, 403, 403]);
  });
});
