import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Role } from '../../shared/domain/caller.ts';
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

let table: IsolatedTable;
let api: LocalApi;
let households: string[];
let programmeCounter = 0;

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  await importRegistry(api, registryCsv(householdsIn(['63.71.01', '63.71.02'], 6)));
  await fundWith(api, 'CSR', 200_000_000);
  const probe = await proposeAllocation(api, { rules: allocationRules('CSR', 12 * 100_000, 100_000) });
  households = (await allLines(api, probe.id)).map((line) => line.household as string);
}, 60_000);

afterAll(async () => {
  await api.close();
});

interface WriteRoute {
  readonly name: string;
  request(): Promise<{ path: string; body: unknown }>;
}

/** Each request is valid in every respect but the caller's role, so the status depends on the role alone. */
const writeRoutes: Record<string, WriteRoute> = {
  approve: {
    name: 'POST /api/allocations/{id}/approve',
    request: async () => {
      const proposal = await proposeAllocation(api, { rules: allocationRules('CSR', 100_000, 100_000) });
      return { path: `/api/allocations/${proposal.id}/approve`, body: {} };
    },
  },
  reject: {
    name: 'POST /api/allocations/{id}/reject',
    request: async () => {
      const proposal = await proposeAllocation(api, { rules: allocationRules('CSR', 100_000, 100_000) });
      return { path: `/api/allocations/${proposal.id}/reject`, body: { reason: 'sasaran belum diverifikasi' } };
    },
  },
  expense: {
    name: 'POST /api/expenses',
    request: async () => ({
      path: '/api/expenses',
      body: { fund: 'CSR', amount: 100_000, category: 'training', description: 'Pelatihan menjahit' },
    }),
  },
  settings: {
    name: 'POST /api/settings',
    request: async () => ({ path: '/api/settings', body: { householdAnnualCap: 50_000_000 } }),
  },
  programme: {
    name: 'POST /api/programmes',
    request: async () => {
      programmeCounter += 1;
      return {
        path: '/api/programmes',
        body: {
          id: `program-${programmeCounter}`,
          name: 'Program uji',
          tranches: [{ tranche: 1, amount: 1_000_000 }],
          stages: [],
        },
      };
    },
  },
  graduation: {
    name: 'POST /api/graduations',
    request: async () => ({
      path: '/api/graduations',
      body: {
        household: households.pop(),
        kind: 'mandiri',
        graduatedOn: '2026-10-01',
        reason: 'Penghasilan di atas UMK',
      },
    }),
  },
};

const roles: readonly Role[] = ['admin', 'treasurer', 'officer', 'approver', 'baznas', 'company'];
const allowed: Record<keyof typeof writeRoutes, [Role, number]> = {
  approve: ['approver', 200],
  reject: ['approver', 200],
  expense: ['officer', 201],
  settings: ['admin', 200],
  programme: ['admin', 201],
  graduation: ['officer', 201],
};

const expectations = Object.entries(allowed).flatMap(([route, [role, status]]) =>
  roles.map((each) => ({ route: writeRoutes[route] as WriteRoute, role: each, status: each === role ? status : 403 })),
);

describe('who may call each money-out write route', () => {
  it.each(expectations)('$route.name as $role answers $status', async ({ route, role, status }) => {
    // Prepare
    const { path, body } = await route.request();
    const token = await api.token(role, { sub: `${role}-peran`, orgId: 'org_peran' });
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
  });
});
