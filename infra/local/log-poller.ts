import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type GetRecordsCommandOutput,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { keys } from '../../shared/dynamodb/keys.ts';
import { loggableRecords, type StreamRecordLike } from '../../shared/dynamodb/stream-records.ts';

export type StreamHandler = (event: { readonly Records: readonly StreamRecordLike[] }) => Promise<unknown>;

/** The sequencer's event source mapping takes batches of this size too (infra/constructs/log-sequencer.ts). */
export const batchSize = 5000;

export interface LogPollerOptions {
  readonly dynamoDb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly endpoint: string;
  readonly tableName: string;
  /** The very handler the Lambda event source mapping calls on AWS. */
  readonly handler: StreamHandler;
  readonly idleMilliseconds?: number;
  /** Records per handler call; smaller only in tests that need several batches. */
  readonly batchSize?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Local stand-in for Lambda's DynamoDB stream event source: reads DynamoDB Local's stream shard by
 * shard, in order, in batches of up to 1,000 records, and hands each batch to the sequencer's
 * handler. Where it got to is kept in the table, so a restart carries on rather than replaying.
 */
export function startLogPoller(options: LogPollerOptions) {
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: process.env['AWS_REGION'] ?? 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const idle = options.idleMilliseconds ?? 200;
  let stopped = false;
  let waiting: { after: number; resolve: () => void }[] = [];
  let passes = 0;
  /**
   * Where each shard was read up to. Only batches holding log records are remembered in the table:
   * the position item is itself a write the stream carries, and the log's own items are skipped.
   */
  const readUpTo = new Map<string, string>();

  async function position(shardId: string): Promise<string | undefined> {
    const { Item } = await options.documents.send(
      new GetCommand({ TableName: options.tableName, Key: keys.logStreamPosition(shardId), ConsistentRead: true }),
    );
    return (Item as { sequenceNumber?: string } | undefined)?.sequenceNumber;
  }

  async function savePosition(shardId: string, sequenceNumber: string): Promise<void> {
    await options.documents.send(
      new PutCommand({
        TableName: options.tableName,
        Item: { ...keys.logStreamPosition(shardId), entity: 'LogStreamPosition', sequenceNumber },
      }),
    );
  }

  /** One pass over every shard up to its current end; true when it found any record. */
  async function pass(streamArn: string): Promise<boolean> {
    let found = false;
    for (const shard of await shardsInOrder(streams, streamArn)) {
      const after = readUpTo.get(shard.ShardId!) ?? (await position(shard.ShardId!));
      let iterator = (
        await streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shard.ShardId,
            ...(after
              ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
              : { ShardIteratorType: 'TRIM_HORIZON' }),
          }),
        )
      ).ShardIterator;
      while (iterator && !stopped) {
        // Up to `batchSize` records per call, as the event source mapping gathers them on AWS.
        const records: StreamRecordLike[] = [];
        while (iterator && records.length < (options.batchSize ?? batchSize)) {
          const page: GetRecordsCommandOutput = await streams.send(
            new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }),
          );
          if (!page.Records?.length) break;
          records.push(...(page.Records as StreamRecordLike[]));
          iterator = page.NextShardIterator;
        }
        if (records.length === 0) break;
        const last = (records.at(-1) as { dynamodb?: { SequenceNumber?: string } }).dynamodb!.SequenceNumber!;
        // As Lambda's filter criteria do on AWS: a batch without log records never reaches the handler.
        if (loggableRecords(records).length > 0) {
          found = true;
          await options.handler({ Records: records });
          await savePosition(shard.ShardId!, last);
        }
        readUpTo.set(shard.ShardId!, last);
      }
    }
    return found;
  }

  const done = (async () => {
    const { Table } = await options.dynamoDb.send(new DescribeTableCommand({ TableName: options.tableName }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
    // A publication a crash interrupted is finished before anything new is read.
    await options.handler({ Records: [] });
    while (!stopped) {
      const number = ++passes;
      let empty = false;
      let failed = false;
      try {
        empty = !(await pass(streamArn));
      } catch (error) {
        failed = true;
        (options.onError ?? console.error)(error);
      }
      if (empty) {
        // Only a pass that started after the caller asked has seen everything written before it.
        for (const waiter of waiting.filter(({ after }) => number > after)) waiter.resolve();
        waiting = waiting.filter(({ after }) => number <= after);
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, empty || failed ? idle : 0));
    }
  })();

  return {
    /** Resolves after the next pass that found nothing new: everything written before is in the log. */
    settled: () => new Promise<void>((resolve) => waiting.push({ after: passes, resolve })),
    async stop() {
      stopped = true;
      for (const { resolve } of waiting) resolve();
      await done;
      streams.destroy();
    },
  };
}

/** Parents before children, then by where each shard's sequence numbers start. */
async function shardsInOrder(streams: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let exclusiveStartShardId: string | undefined;
  do {
    const { StreamDescription } = await streams.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
    );
    shards.push(...(StreamDescription?.Shards ?? []));
    exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
  } while (exclusiveStartShardId);
  const start = (shard: Shard) => BigInt(shard.SequenceNumberRange?.StartingSequenceNumber ?? '0');
  return shards.sort((a, b) => (start(a) < start(b) ? -1 : start(a) > start(b) ? 1 : 0));
}
