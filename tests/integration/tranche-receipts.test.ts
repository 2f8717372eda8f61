import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import {
  allocationRules,
  approveAs,
  fundWith,
  householdsIn,
  importRegistry,
  proposeAllocation,
  registryCsv,
} from '../support/money-out.ts';
import { createProgramme } from './programmes-scenario.ts';

let api: LocalApi;

beforeAll(async () => {
  await useIsolatedTable();
  api = await startLocalApi();
  await importRegistry(api, registryCsv(householdsIn(['63.71.01'], 6)));
  await fundWith(api, 'CSR', 100_000_000);
  await createProgramme(api);
});

afterAll(async () => {
  await api.close();
});

function trancheOne(households: number) {
  return { programmeId: 'makin-mesra', tranche: 1, rules: allocationRules('CSR', households * 2_000_000, 2_000_000) };
}

describe('a programme tranche', () => {
  it('is never allocated twice to a household: a second proposal of it skips those already approved', async () => {
    // Prepare
    const first = await proposeAllocation(api, trancheOne(4));
    expect((await approveAs(api, first.id)).body.status).toBe('approved');
    // Act
    const second = await proposeAllocation(api, trancheOne(6));
    // Assess
    expect(second.lineCount).toBe(2);
    expect(second.skipped).toEqual([{ kecamatan: '63.71.01', reason: 'tranche_received', households: 4 }]);
  });
});
