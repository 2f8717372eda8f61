import { BatchWriteCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import { decodeEdge, encodeEdge } from '../log/edge.ts';
import { emptyHead, type LogHead } from '../log/sequencer/log-head.ts';
import type { LogPosition, LogStore } from '../log/sequencer/ports.ts';
import { keys } from './keys.ts';
import { TransactionCancelled, transactWrite } from './transactions.ts';

/** A batch item stays below DynamoDB's 400 KB item limit. */
const maxBatchItemBytes = 350_000;
/** JSON entries deflate four to eight times, so a slice this long usually makes one item. */
const rawSliceBytes = 1_200_000;

interface HeadItem {
  version: number;
  size: number;
  edge: Uint8Array;
  publishedSize: number;
  previousEdge: Uint8Array;
  recent: Uint8Array;
}

interface BatchItem {
  start: number;
  count: number;
  /** The entries' canonical JSON, one per line, deflated: a third of the bytes to write and read. */
  entries: Uint8Array;
}

/** The public log in the one table: a head item and the entries in batch items of consecutive indexes. */
export class DynamoDbLogStore implements LogStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async readHead(): Promise<LogHead> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.logHead(), ConsistentRead: true }),
    );
    if (!Item) return emptyHead;
    const item = Item as HeadItem;
    return {
      version: item.version,
      size: item.size,
      edge: decodeEdge(item.edge),
      publishedSize: item.publishedSize,
      previousEdge: decodeEdge(item.previousEdge),
      recent: item.recent,
    };
  }

  async commit(expectedVersion: number, next: LogHead, start: number, entries: readonly string[]): Promise<boolean> {
    const head: HeadItem & { pk: string; sk: string; entity: string } = {
      ...keys.logHead(),
      entity: 'LogHead',
      version: next.version,
      size: next.size,
      edge: encodeEdge(next.edge),
      publishedSize: next.publishedSize,
      previousEdge: encodeEdge(next.previousEdge),
      recent: next.recent,
    };
    try {
      await transactWrite(this.client, {
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: head,
              ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
              ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
            },
          },
          ...batchItems(start, entries).map((item) => ({
            Put: {
              TableName: this.tableName,
              Item: { ...keys.logBatch(item.start), entity: 'LogBatch', ...item },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
        ],
      });
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.reasons.includes('ConditionalCheckFailed')) return false;
      throw error;
    }
  }

  async readEntries(start: number, end: number): Promise<string[]> {
    if (end <= start) return [];
    const first = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lowest AND :start',
        ExpressionAttributeValues: {
          ':pk': keys.logPartition,
          ':lowest': keys.logBatchPrefix,
          ':start': keys.logBatch(start).sk,
        },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
        ProjectionExpression: 'sk',
      }),
    );
    const from = (first.Items?.[0] as { sk: string } | undefined)?.sk ?? keys.logBatch(start).sk;
    const entries: string[] = [];
    let firstIndex: number | undefined;
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :last',
          ExpressionAttributeValues: { ':pk': keys.logPartition, ':from': from, ':last': keys.logBatch(end - 1).sk },
          ConsistentRead: true,
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      for (const item of (page.Items ?? []) as BatchItem[]) {
        firstIndex ??= item.start;
        entries.push(...inflateRawSync(item.entries).toString('utf8').split('\n'));
      }
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey);
    const offset = start - (firstIndex ?? start);
    const wanted = entries.slice(offset, offset + (end - start));
    if (wanted.length !== end - start) {
      throw new Error(`the log holds ${wanted.length} of the entries ${start}–${end - 1}`);
    }
    return wanted;
  }

  async recordPositions(positions: readonly LogPosition[]): Promise<void> {
    const chunks: LogPosition[][] = [];
    for (let i = 0; i < positions.length; i += 25) chunks.push(positions.slice(i, i + 25));
    await Promise.all(
      chunks.map(async (chunk) => {
        let requests: Record<string, unknown>[] | undefined = chunk.map(({ entryId, index }) => ({
          PutRequest: { Item: { ...keys.logPosition(entryId), entity: 'LogPosition', index } },
        }));
        // BatchWrite may leave some unprocessed under load; they are written again until none is left.
        while (requests && requests.length > 0) {
          const { UnprocessedItems } = await this.client.send(
            new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
          );
          requests = UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
        }
      }),
    );
  }

  async findPosition(entryId: string): Promise<number | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.logPosition(entryId) }),
    );
    return (Item as { index?: number } | undefined)?.index;
  }
}

/**
 * Consecutive entries, deflated, cut so that no item outgrows `maxBatchItemBytes`: a slice of
 * `rawSliceBytes` is tried first and halved until its deflated form fits.
 */
function batchItems(start: number, entries: readonly string[]): BatchItem[] {
  const items: BatchItem[] = [];
  let from = 0;
  while (from < entries.length) {
    let to = from;
    let bytes = 0;
    while (to < entries.length && (to === from || bytes + (entries[to]?.length ?? 0) <= rawSliceBytes)) {
      bytes += (entries[to]?.length ?? 0) + 1;
      to += 1;
    }
    let item = packed(start + from, entries.slice(from, to));
    while (item.entries.length > maxBatchItemBytes && to - from > 1) {
      to = from + Math.ceil((to - from) / 2);
      item = packed(start + from, entries.slice(from, to));
    }
    if (item.entries.length > maxBatchItemBytes) throw new Error(`log entry ${start + from} alone is over 350 KB`);
    items.push(item);
    from = to;
  }
  return items;
}

function packed(start: number, entries: readonly string[]): BatchItem {
  return { start, count: entries.length, entries: deflateRawSync(entries.join('\n')) };
}
