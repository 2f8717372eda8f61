import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import type { Activity, ActivityLog, ActivityPage } from '../domain/activity.ts';
import { badRequest } from '../domain/errors.ts';
import { keys, withoutKeys } from './keys.ts';
import { tableDefinition } from './table.ts';

const gsi1 = tableDefinition.globalSecondaryIndexes[0].indexName;

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (key && typeof key === 'object' && !Array.isArray(key)) return key as Record<string, unknown>;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('invalid_cursor', 'cursor is not one this API handed out', [
    { path: 'cursor', message: 'is not valid' },
  ]);
}

/** The activity trail: per subject under its own partition, and all of it on the index, newest first. */
export class DynamoDbActivityLog implements ActivityLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(subject: string | undefined, cursor: string | undefined, limit: number): Promise<ActivityPage> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        ...(subject
          ? {
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': keys.activity(subject, '', '').pk },
            }
          : {
              IndexName: gsi1,
              KeyConditionExpression: 'gsi1pk = :pk',
              ExpressionAttributeValues: { ':pk': keys.activityPartition },
            }),
        ScanIndexForward: false,
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor) } : {}),
      }),
    );
    const items = (page.Items ?? []).map((item) => withoutKeys<Activity>(item));
    return {
      items,
      ...(page.LastEvaluatedKey
        ? { nextCursor: Buffer.from(JSON.stringify(page.LastEvaluatedKey)).toString('base64url') }
        : {}),
    };
  }
}
