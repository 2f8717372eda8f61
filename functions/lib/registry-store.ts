import { documentClient, tableNameFromEnvironment } from '../../shared/dynamodb/client.ts';
import { DynamoDbRegistryStore } from '../../shared/dynamodb/dynamodb-registry-store.ts';
import { store } from './store.ts';

/** Module scope, like the store; reading the registry needs no keys. */
export const registry = new DynamoDbRegistryStore(documentClient, tableNameFromEnvironment(), async () =>
  (await store.listKecamatan()).map((kecamatan) => kecamatan.code),
);
