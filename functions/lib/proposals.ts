import { documentClient, tableNameFromEnvironment } from '../../shared/dynamodb/client.ts';
import { DynamoDbProposalStore } from '../../shared/dynamodb/dynamodb-proposal-store.ts';

/** Module scope, like the store. */
export const proposals = new DynamoDbProposalStore(documentClient, tableNameFromEnvironment());
