import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

import { tableDefinition } from '../../shared/dynamodb/table.ts';

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * The ledger table, shaped entirely by shared/dynamodb/table.ts so CDK, DynamoDB Local and the
 * integration tests cannot drift. Everything added here is about keeping the data safe.
 */
export class LedgerTable extends TableV2 {
  public constructor(scope: Construct, id: string) {
    super(scope, id, {
      partitionKey: stringKey(tableDefinition.partitionKey),
      sortKey: stringKey(tableDefinition.sortKey),
      globalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
      })),
      dynamoStream: StreamViewType[tableDefinition.stream],
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // The table is the ledger of record: it must outlive any stack mistake.
      removalPolicy: RemovalPolicy.RETAIN,
      // The aws/dynamodb key puts every use of the key in CloudTrail, unlike the default owned key.
      encryption: TableEncryptionV2.awsManagedKey(),
    });
  }
}
