import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

import { withoutKeys, type PrimaryKey } from './keys.ts';

/** Reads and writes every adapter shares: strongly consistent gets, paged queries, batches. */
export class ItemAccess {
  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get<T>(key: PrimaryKey): Promise<T | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item ? withoutKeys<T>(Item) : undefined;
  }

  async *queryPages<T>(input: Omit<QueryCommandInput, 'TableName'>): AsyncGenerator<T[]> {
    let ExclusiveStartKey: Record<string, unknown> | undefined = input.ExclusiveStartKey;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey }));
      yield (page.Items ?? []).map((item) => withoutKeys<T>(item));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  async queryAll<T>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.queryPages<T>(input)) items.push(...page);
    return items;
  }

  /** BatchGetItem in chunks of 100, retrying unprocessed keys; returns the items found. */
  async getMany<T>(keys: readonly PrimaryKey[]): Promise<T[]> {
    const found: T[] = [];
    for (let start = 0; start < keys.length; start += 100) {
      let pending: Record<string, unknown>[] = keys.slice(start, start + 100).map((key) => ({ ...key }));
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        const response = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of response.Responses?.[this.tableName] ?? []) found.push(withoutKeys<T>(item));
        pending = (response.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
        if (pending.length > 0) await backOff(attempt);
      }
    }
    return found;
  }

  /** BatchWriteItem (puts) in chunks of 25, retrying unprocessed items until all are written. */
  async putMany(items: readonly Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < items.length; start += 25) {
      let pending = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        const response = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (response.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
        if (pending.length > 0) await backOff(attempt);
      }
    }
  }
}

function backOff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(1000, 10 * 2 ** attempt) * Math.random()));
}
