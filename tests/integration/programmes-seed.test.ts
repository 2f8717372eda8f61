import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';

let api: LocalApi;

beforeAll(async () => {
  await useIsolatedTable({ seedCity: false });
  const { documentClient, tableNameFromEnvironment } = await import('../../shared/dynamodb/client.ts');
  const { DynamoDbStore } = await import('../../shared/dynamodb/dynamodb-store.ts');
  const { seedDemoData } = await import('../../infra/local/seed.ts');
  await seedDemoData(new DynamoDbStore(documentClient, tableNameFromEnvironment()));
  api = await startLocalApi();
});

afterAll(async () => {
  await api.close();
});

describe('the demo seed', () => {
  it('registers Makin Mesra: three tranches, each later one opened by the five stage targets', async () => {
    // Act
    const response = await api.call('GET', '/api/programmes/makin-mesra', { token: await api.token('officer') });
    // Assess
    expect(response.status).toBe(200);
    expect(response.body.tranches.map((tranche: { amount: number }) => tranche.amount)).toEqual([
      2_000_000, 3_000_000, 5_000_000,
    ]);
    expect(response.body.stages).toEqual([
      { stage: 1, targets: ['usaha_berjalan', 'untung', 'menabung', 'membantu_orang_lain', 'anggota_sehat_sekolah'] },
      { stage: 2, targets: ['usaha_berjalan', 'untung', 'menabung', 'membantu_orang_lain', 'anggota_sehat_sekolah'] },
    ]);
  });
});
