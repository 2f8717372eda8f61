import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import type { Activity } from '../domain/activity.ts';
import type {
  FollowUp,
  FollowUpOutcome,
  Graduation,
  GraduationStore,
  KecamatanGraduationCounts,
} from '../graduations/graduation.ts';
import { activityPut } from './activity-actions.ts';
import { ItemAccess } from './item-access.ts';
import { keys } from './keys.ts';
import { counterUpdate } from './ledger-actions.ts';
import { tableDefinition } from './table.ts';
import { transactWrite, TransactionCancelled } from './transactions.ts';

const gsi1 = tableDefinition.globalSecondaryIndexes[0].indexName;
const statsEntity = 'KecamatanGraduationStats';

/** Graduations in DynamoDB, with the per-kecamatan counters the public page reads. */
export class DynamoDbGraduationStore implements GraduationStore {
  private readonly items: ItemAccess;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.items = new ItemAccess(client, tableName);
  }

  async recordGraduation(graduation: Graduation, activity: Activity): Promise<boolean> {
    try {
      await transactWrite(this.client, {
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.graduation(graduation.household),
                ...keys.graduationIndex(graduation.household),
                entity: 'Graduation',
                ...graduation,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          counterUpdate(
            this.tableName,
            keys.kecamatanGraduationStats(graduation.kecamatan),
            statsEntity,
            { graduated: 1 },
            { kecamatan: graduation.kecamatan },
          ),
          activityPut(this.tableName, activity),
        ],
      });
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedAt(0)) return false;
      throw error;
    }
  }

  async getGraduation(household: string): Promise<Graduation | undefined> {
    return this.items.get<Graduation>(keys.graduation(household));
  }

  async recordFollowUp(
    graduation: Graduation,
    followUp: FollowUp,
    countFellBack: boolean,
    activity: Activity,
  ): Promise<FollowUpOutcome> {
    const conditions = ['attribute_exists(pk)', 'attribute_not_exists(followUps.#months)'];
    if (countFellBack) conditions.push('attribute_not_exists(fellBackOn)');
    try {
      await transactWrite(this.client, {
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.graduation(graduation.household),
              UpdateExpression: `SET followUps.#months = :followUp${countFellBack ? ', fellBackOn = :checkedOn' : ''}`,
              ConditionExpression: conditions.join(' AND '),
              ExpressionAttributeNames: { '#months': String(followUp.months) },
              ExpressionAttributeValues: {
                ':followUp': followUp,
                ...(countFellBack ? { ':checkedOn': followUp.checkedOn } : {}),
              },
            },
          },
          ...(countFellBack
            ? [
                counterUpdate(
                  this.tableName,
                  keys.kecamatanGraduationStats(graduation.kecamatan),
                  statsEntity,
                  { fellBack: 1 },
                  { kecamatan: graduation.kecamatan },
                ),
              ]
            : []),
          activityPut(this.tableName, activity),
        ],
      });
      return 'recorded';
    } catch (error) {
      if (!(error instanceof TransactionCancelled && error.failedAt(0))) throw error;
      // Which part of the condition refused: read the item again.
      const current = await this.getGraduation(graduation.household);
      if (!current) return 'not_graduated';
      if (current.followUps[String(followUp.months)]) return 'already_recorded';
      return 'already_fell_back';
    }
  }

  async graduatedHouseholds(): Promise<ReadonlySet<string>> {
    const found = await this.items.queryAll<Pick<Graduation, 'household'>>({
      IndexName: gsi1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ProjectionExpression: 'household',
      ExpressionAttributeValues: { ':pk': keys.graduationsPartition },
    });
    return new Set(found.map((graduation) => graduation.household));
  }

  async kecamatanGraduationCounts(): Promise<ReadonlyMap<string, KecamatanGraduationCounts>> {
    const found = await this.items.queryAll<{ kecamatan: string; graduated?: number; fellBack?: number }>({
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'entity = :entity',
      ExpressionAttributeValues: { ':pk': keys.kecamatanStatsPartition, ':entity': statsEntity },
    });
    return new Map(
      found.map((stats) => [stats.kecamatan, { graduated: stats.graduated ?? 0, fellBack: stats.fellBack ?? 0 }]),
    );
  }
}
