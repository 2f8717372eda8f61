import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import type { Activity } from '../domain/activity.ts';
import { conflict } from '../domain/errors.ts';
import type { Rupiah } from '../domain/money.ts';
import type { Programme, ProgrammeStore, StageTargets } from '../programmes/programme.ts';
import { activityPut } from './activity-actions.ts';
import { ItemAccess } from './item-access.ts';
import { keys } from './keys.ts';
import { tableDefinition } from './table.ts';
import { transactWrite, TransactionCancelled } from './transactions.ts';

const gsi1 = tableDefinition.globalSecondaryIndexes[0].indexName;

/** Programmes, stage targets and the per-household yearly totals the cap reads. */
export class DynamoDbProgrammeStore implements ProgrammeStore {
  private readonly items: ItemAccess;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.items = new ItemAccess(client, tableName);
  }

  async createProgramme(programme: Programme, activity: Activity): Promise<void> {
    try {
      await transactWrite(this.client, {
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.programme(programme.id),
                ...keys.programmeIndex(programme.id),
                entity: 'Programme',
                ...programme,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          activityPut(this.tableName, activity),
        ],
      });
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedAt(0)) {
        throw conflict('programme_exists', `a programme with id ${programme.id} already exists`, 'id');
      }
      throw error;
    }
  }

  async getProgramme(id: string): Promise<Programme | undefined> {
    return this.items.get<Programme>(keys.programme(id));
  }

  async recordStageTargets(targets: StageTargets, activity: Activity): Promise<boolean> {
    try {
      await transactWrite(this.client, {
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.stageTargets(targets.programmeId, targets.household, targets.stage),
                ...keys.stageTargetsIndex(targets.programmeId, targets.stage, targets.household),
                entity: 'StageTargets',
                ...targets,
              },
              // Corrections are allowed until an approver confirmed the record.
              ConditionExpression: 'attribute_not_exists(pk) OR #status = :recorded',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':recorded': 'recorded' },
            },
          },
          activityPut(this.tableName, activity),
        ],
      });
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedAt(0)) return false;
      throw error;
    }
  }

  async getStageTargets(programmeId: string, household: string, stage: number): Promise<StageTargets | undefined> {
    return this.items.get<StageTargets>(keys.stageTargets(programmeId, household, stage));
  }

  async approveStageTargets(approved: StageTargets, activity: Activity): Promise<boolean> {
    try {
      await transactWrite(this.client, {
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.stageTargets(approved.programmeId, approved.household, approved.stage),
              UpdateExpression: 'SET #status = :approved, approvedBy = :by, approvedAt = :at',
              ConditionExpression: '#status = :recorded AND recordedAt = :recordedAt',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':approved': 'approved',
                ':recorded': 'recorded',
                ':by': approved.approvedBy,
                ':at': approved.approvedAt,
                ':recordedAt': approved.recordedAt,
              },
            },
          },
          activityPut(this.tableName, activity),
        ],
      });
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedAt(0)) return false;
      throw error;
    }
  }

  async approvedMetHouseholds(programmeId: string, stage: number): Promise<ReadonlySet<string>> {
    const found = await this.items.queryAll<Pick<StageTargets, 'household'>>({
      IndexName: gsi1,
      KeyConditionExpression: 'gsi1pk = :pk',
      FilterExpression: '#status = :approved AND met = :met',
      ProjectionExpression: 'household',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pk': keys.stageTargetsIndex(programmeId, stage, '').gsi1pk,
        ':approved': 'approved',
        ':met': true,
      },
    });
    return new Set(found.map((targets) => targets.household));
  }

  async trancheRecipients(programmeId: string, tranche: number): Promise<ReadonlySet<string>> {
    const found = await this.items.queryAll<{ household: string }>({
      IndexName: gsi1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ProjectionExpression: 'household',
      ExpressionAttributeValues: { ':pk': keys.trancheReceiptIndex(programmeId, tranche, '').gsi1pk },
    });
    return new Set(found.map((receipt) => receipt.household));
  }

  async receivedInYear(year: number): Promise<ReadonlyMap<string, Rupiah>> {
    const received = new Map<string, Rupiah>();
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      // The household is the index sort key (keys.householdYearIndex), so it is read from there.
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: gsi1,
          KeyConditionExpression: 'gsi1pk = :pk',
          ProjectionExpression: 'gsi1sk, received',
          ExpressionAttributeValues: { ':pk': keys.householdYearIndex(year, '').gsi1pk },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const amount = Number(item['received'] ?? 0);
        if (amount > 0) received.set(String(item['gsi1sk']), amount);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return received;
  }
}
