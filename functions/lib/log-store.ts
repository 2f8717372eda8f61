import { documentClient, tableNameFromEnvironment } from '../../shared/dynamodb/client.ts';
import { DynamoDbLogStore } from '../../shared/dynamodb/log-store.ts';

/** Module scope, like the store: the public log's items in the table. */
export const logStore = new DynamoDbLogStore(documentClient, tableNameFromEnvironment());
