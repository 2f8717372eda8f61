import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';

import { dynamoDbClient, tableNameFromEnvironment } from '../../shared/dynamodb/client.ts';
import { keys } from '../../shared/dynamodb/keys.ts';
import { tableDefinition } from '../../shared/dynamodb/table.ts';

/**
 * The key is scoped to the caller and the path: the same Idempotency-Key sent by two users, or to
 * two contributions, must never return one's response to the other. Without the header the
 * expression yields null and Powertools skips idempotency altogether.
 */
const eventKey =
  'headers."idempotency-key" && [headers."idempotency-key", requestContext.authorizer.jwt.claims.sub, rawPath]';

const oneDay = 24 * 60 * 60;

export function idempotentWrites(routeName: string) {
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
  return onlyReleaseAcquiredRecords(makeHandlerIdempotent({ persistenceStore, config, keyPrefix: `terang.${routeName}` }));
}

type IdempotencyMiddleware = ReturnType<typeof makeHandlerIdempotent>;

const acquired = 'terang.idempotency.acquired';

/**
 * Powertools <= 2.35's middleware deletes the key's record in `onError` even when its own `before`
 * refused the request (key reused with another body, or still in progress), so a misused key erased
 * the original's stored response or lock and the next retry ran the write again
 * (aws-powertools/powertools-lambda-typescript#5675). Only a request that acquired the record, and
 * whose handler then failed, may release it.
 */
function onlyReleaseAcquiredRecords(middleware: IdempotencyMiddleware): IdempotencyMiddleware {
  return {
    before: async (request) => {
      request.internal[acquired] = false;
      const replayed: unknown = await middleware.before?.(request);
      // undefined: the handler will run under this request's in-progress record (or idempotency is skipped).
      request.internal[acquired] = replayed === undefined;
      return replayed;
    },
    after: async (request) => {
      // A failure to store the result must not delete the record of a write that did happen.
      request.internal[acquired] = false;
      await middleware.after?.(request);
    },
    onError: async (request) => {
      if (request.internal[acquired] === true) await middleware.onError?.(request);
    },
  };
}
