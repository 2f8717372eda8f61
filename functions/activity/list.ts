import { listActivity } from '../../shared/domain/list-activity.ts';
import { documentClient, tableNameFromEnvironment } from '../../shared/dynamodb/client.ts';
import { DynamoDbActivityLog } from '../../shared/dynamodb/dynamodb-activity-log.ts';
import { json } from '../lib/api-types.ts';
import { privateReadHandler } from '../lib/private-handlers.ts';

const activityLog = new DynamoDbActivityLog(documentClient, tableNameFromEnvironment());

export const handler = privateReadHandler(async (request) =>
  json(
    200,
    await listActivity(activityLog, request.caller, {
      subject: request.query['subject'],
      cursor: request.query['cursor'],
    }),
  ),
);
