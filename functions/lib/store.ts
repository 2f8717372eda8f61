import { documentClient, tableNameFromEnvironment } from '../../shared/dynamodb/client.ts';
import { DynamoDbStore } from '../../shared/dynamodb/dynamodb-store.ts';

/** Module scope: one store (and one DynamoDB client) per Lambda container, reused across invocations. */
export const store = new DynamoDbStore(documentClient, tableNameFromEnvironment());
