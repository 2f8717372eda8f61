import { createReadStream } from 'node:fs';
import { join } from 'node:path';

import { handlerEnvironment } from '../../../shared/environment.ts';
import type { CityRegions } from '../../../shared/regions/city-regions.ts';
import type { ImportProgress, ImportReport } from '../../../shared/registry/import-report.ts';
import { repositoryRoot } from '../dynamodb-local.ts';

export interface CommittedImport {
  readonly id: string;
  readonly snapshot: number | undefined;
  readonly report: ImportReport;
}

/** The local instance `npm start` runs: DynamoDB Local on DYNAMODB_PORT, keys under .data/. */
function pointAtLocalInstance(): void {
  process.env[handlerEnvironment.dynamodbEndpoint] ??= `http://127.0.0.1:${process.env['DYNAMODB_PORT'] ?? 8000}`;
  process.env[handlerEnvironment.tableName] ??= 'terang-local';
  process.env[handlerEnvironment.localKeyDirectory] ??= join(repositoryRoot, '.data', 'local-keys');
}

/**
 * Imports a registry file into the running local instance as a new snapshot, through the same
 * domain function as `POST /api/registry/imports`, but streaming from disk: no 10 MB limit.
 */
export async function commitHouseholds(
  file: string,
  city: CityRegions,
  onProgress: (progress: ImportProgress) => void,
  /** Told the import's id before any row is read, so its progress can be followed over the API. */
  onStart: (importId: string) => void = () => undefined,
): Promise<CommittedImport> {
  pointAtLocalInstance();
  // Imported only now: the DynamoDB client reads its endpoint from the environment once.
  const { documentClient } = await import('../../../shared/dynamodb/client.ts');
  const { DynamoDbStore } = await import('../../../shared/dynamodb/dynamodb-store.ts');
  const { DynamoDbRegistryStore } = await import('../../../shared/dynamodb/dynamodb-registry-store.ts');
  const { LocalDataKeyProvider } = await import('../../../shared/keys/local-data-keys.ts');
  const { localPseudonymKey } = await import('../../../shared/keys/pseudonym-key.ts');
  const { importHouseholds } = await import('../../../shared/registry/import-households.ts');
  const { newId } = await import('../../../shared/domain/ids.ts');

  const tableName = process.env[handlerEnvironment.tableName] as string;
  const keyDirectory = process.env[handlerEnvironment.localKeyDirectory] as string;
  const store = new DynamoDbStore(documentClient, tableName);
  try {
    await store.getCity();
  } catch {
    throw new Error(
      `cannot reach the local instance (${process.env[handlerEnvironment.dynamodbEndpoint]}, table ${tableName}): start it with npm start`,
    );
  }
  const registry = new DynamoDbRegistryStore(documentClient, tableName, async () =>
    (await store.listKecamatan()).map((kecamatan) => kecamatan.code),
  );
  const importId = newId('imp');
  onStart(importId);
  const { registryImport, report } = await importHouseholds(
    {
      registry,
      dataKeys: await LocalDataKeyProvider.open(join(keyDirectory, 'registry-master.key')),
      pseudonymKey: await localPseudonymKey(join(keyDirectory, 'pseudonym.key')),
      city,
    },
    { sub: 'cli-officer', roles: ['officer'] },
    createReadStream(file, { highWaterMark: 1 << 20 }),
    { importId, dryRun: false, now: new Date(), onProgress },
  );
  return { id: registryImport.id, snapshot: registryImport.snapshot, report };
}
