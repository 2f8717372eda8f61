import '../../shared/log/node-sha256.ts';

import type { DynamoDBStreamEvent } from 'aws-lambda';

import { documentClient, tableNameFromEnvironment } from '../../shared/dynamodb/client.ts';
import { DynamoDbLogStore } from '../../shared/dynamodb/log-store.ts';
import { loggableRecords, type StreamRecordLike } from '../../shared/dynamodb/stream-records.ts';
import { createSequencer } from '../../shared/log/sequencer/sequencer.ts';
import {
  checkpointSignerFromEnvironment,
  logFilesFromEnvironment,
} from '../../shared/log-storage/log-from-environment.ts';

let sequencer: Promise<ReturnType<typeof createSequencer>> | undefined;

async function createFromEnvironment() {
  return createSequencer({
    store: new DynamoDbLogStore(documentClient, tableNameFromEnvironment()),
    files: logFilesFromEnvironment(),
    signer: await checkpointSignerFromEnvironment(),
  });
}

/**
 * The public log's sequencer, fed by the table's stream (on AWS by the event source mapping, in
 * local mode by infra/local/log-poller.ts). A failure throws: the stream hands the same batch
 * back, and the records already sequenced are recognised and skipped.
 */
export const handler = async (event: { readonly Records: readonly StreamRecordLike[] } | DynamoDBStreamEvent) => {
  const records = loggableRecords(event.Records as readonly StreamRecordLike[]);
  sequencer ??= createFromEnvironment();
  const log = await sequencer.catch((error: unknown) => {
    sequencer = undefined;
    throw error;
  });
  // An empty batch still finishes a publication a crash interrupted.
  if (records.length === 0) return { sequenced: 0, size: (await log.finishPublishing()).size };
  return log.sequence(records);
};
