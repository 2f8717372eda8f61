import { documentClient, tableNameFromEnvironment } from '../../shared/dynamodb/client.ts';
import { DynamoDbExpenseStore } from '../../shared/dynamodb/dynamodb-expense-store.ts';

/** Module scope, like the store. */
export const expenses = new DynamoDbExpenseStore(documentClient, tableNameFromEnvironment());
