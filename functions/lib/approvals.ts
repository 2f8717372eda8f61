import type { ApprovalDependencies } from '../../shared/approvals/dependencies.ts';
import { documentClient, tableNameFromEnvironment } from '../../shared/dynamodb/client.ts';
import { DynamoDbApprovalStore } from '../../shared/dynamodb/dynamodb-approval-store.ts';
import { programmes } from './programmes.ts';
import { proposals } from './proposals.ts';
import { registry } from './registry-store.ts';
import { store } from './store.ts';

/** Module scope, like the store: everything the approval workflow reads and writes. */
export const approvalDependencies: ApprovalDependencies = {
  store,
  registry,
  proposals,
  approvals: new DynamoDbApprovalStore(documentClient, tableNameFromEnvironment()),
  programmes,
};
