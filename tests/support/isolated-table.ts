import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';

import { handlerEnvironment } from '../../shared/environment.ts';

export interface IsolatedTable {
  readonly tableName: string;
  /** Every item in the table (a test table is small): lets a test prove nothing was written. */
  snapshot(): Promise<Record<string, unknown>[]>;
}

/**
 * Creates a fresh table (from the shared definition) in the run's DynamoDB Local and points the
 * handlers at it. Call it before importing any handler: their DynamoDB client and store are
 * module-scope and read the environment once, exactly as on Lambda.
 */
export async function useIsolatedTable(options: { seedCity?: boolean } = {}): Promise<IsolatedTable> {
  const tableName = `test-${randomUUID()}`;
  process.env[handlerEnvironment.dynamodbEndpoint] = inject('dynamoDbEndpoint');
  process.env[handlerEnvironment.tableName] = tableName;
  process.env[handlerEnvironment.localKeyDirectory] = await mkdtemp(join(tmpdir(), 'terang-keys-'));
  process.env[handlerEnvironment.localEvidenceDirectory] = await mkdtemp(join(tmpdir(), 'terang-evidence-'));
  process.env[handlerEnvironment.localLogDirectory] = await mkdtemp(join(tmpdir(), 'terang-log-'));
  const { dynamoDbClient, documentClient } = await import('../../shared/dynamodb/client.ts');
  const { ensureTable } = await import('../../infra/local/create-table.ts');
  await ensureTable(dynamoDbClient, tableName);
  if (options.seedCity ?? true) {
    const { DynamoDbStore } = await import('../../shared/dynamodb/dynamodb-store.ts');
    const { seedCity } = await import('../../infra/local/seed.ts');
    await seedCity(new DynamoDbStore(documentClient, tableName), false);
  }
  return {
    tableName,
    async snapshot() {
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient.send(
          new ScanCommand({ TableName: tableName, ExclusiveStartKey, ConsistentRead: true }),
        );
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items.sort((a, b) => `${a['pk']}|${a['sk']}`.localeCompare(`${b['pk']}|${b['sk']}`));
    },
  };
}
