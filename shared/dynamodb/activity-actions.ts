import type { Activity } from '../domain/activity.ts';
import { keys } from './keys.ts';
import type { TransactItem } from './ledger-actions.ts';

/** The activity record written in the same transaction as the change it describes. */
export function activityPut(tableName: string, activity: Activity): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.activity(activity.subject, activity.at, activity.id),
        ...keys.activityIndex(activity.at, activity.id),
        entity: 'Activity',
        ...activity,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
