import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type middy from '@middy/core';

import { dynamoDbClient, tableNameFromEnvironment } from '../../shared/dynamodb/client.ts';
import { keys } from '../../shared/dynamodb/keys.ts';
import { tableDefinition } from '../../shared/dynamodb/table.ts';

/**
 * The key is scoped to the caller and the path: the same Idempotency-Key sent by two users, or to
 * two contributions, must never return one's response to the other.
 */
const eventKey = '[headers."idempotency-key", requestContext.authorizer.jwt.claims.sub, rawPath]';

const oneDay = 24 * 60 * 60;

/** Powertools Idempotency with its DynamoDB persistence layer, on Terang's single table. */
export function powertoolsIdempotency(routeName: string): middy.MiddlewareObj {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: tableNameFromEnvironment(),
    keyAttr: tableDefinition.partitionKey,
    sortKeyAttr: tableDefinition.sortKey,
    staticPkValue: keys.idempotencyPartition,
    expiryAttr: tableDefinition.timeToLiveAttribute,
    awsSdkV3Client: dynamoDbClient,
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: eventKey,
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: oneDay,
  });
  return makeHandlerIdempotent({ persistenceStore, config, keyPrefix: `terang.${routeName}` });
}
