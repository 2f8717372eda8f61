import { inject } from 'vitest';

import { handlerEnvironment } from '../../shared/environment.ts';

/**
 * Runs the public log's sequencer for the test's table as `npm start` does: the Lambda handler,
 * fed by the local stream poller. `settled()` resolves once everything written so far is logged.
 */
export async function startPublicLog() {
  const { dynamoDbClient, documentClient } = await import('../../shared/dynamodb/client.ts');
  const { startLogPoller } = await import('../../infra/local/log-poller.ts');
  const { handler } = await import('../../functions/log/sequence-ledger.ts');
  const errors: unknown[] = [];
  const poller = startLogPoller({
    dynamoDb: dynamoDbClient,
    documents: documentClient,
    endpoint: inject('dynamoDbEndpoint'),
    tableName: process.env[handlerEnvironment.tableName]!,
    handler,
    idleMilliseconds: 50,
    onError: (error) => errors.push(error),
  });
  return {
    directory: process.env[handlerEnvironment.localLogDirectory]!,
    errors,
    settled: () => poller.settled(),
    stop: () => poller.stop(),
  };
}
