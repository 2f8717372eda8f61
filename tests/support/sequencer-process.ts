/**
 * The public log's sequencer (the local stream poller and the Lambda handler) in a process of its
 * own, on the table and log directory the environment names, so a test can SIGKILL it mid-batch.
 */
const { dynamoDbClient, documentClient } = await import('../../shared/dynamodb/client.ts');
const { startLogPoller } = await import('../../infra/local/log-poller.ts');
const { handler } = await import('../../functions/log/sequence-ledger.ts');

startLogPoller({
  dynamoDb: dynamoDbClient,
  documents: documentClient,
  endpoint: process.env['TERANG_DYNAMODB_ENDPOINT']!,
  tableName: process.env['TERANG_TABLE_NAME']!,
  handler,
  idleMilliseconds: 20,
  ...(process.env['TEST_LOG_BATCH_SIZE'] ? { batchSize: Number(process.env['TEST_LOG_BATCH_SIZE']) } : {}),
});
console.log('sequencing');
