import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { handlerEnvironment } from '../environment.ts';

/**
 * Off AWS (the local server, tests) the endpoint points at DynamoDB Local, which accepts any
 * credentials; on Lambda the endpoint is unset and the SDK uses the function's role.
 *
 * On Lambda each container serves one request at a time; the local server runs every request in
 * one process, so its client gets far more sockets than the SDK's default 50 (a burst of requests
 * would otherwise queue behind one another until they time out).
 */
const localSockets = 512;
/**
 * DynamoDB Local answers a transaction that waited too long for one of its item locks with a 500
 * ("this request will succeed in actual DynamoDB"); the SDK retries 500s, so give it more tries.
 */
const localAttempts = 10;

function createClient(): DynamoDBClient {
  const endpoint = process.env[handlerEnvironment.dynamodbEndpoint];
  if (!endpoint) return new DynamoDBClient({});
  return new DynamoDBClient({
    endpoint,
    region: process.env['AWS_REGION'] ?? 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: { httpAgent: { maxSockets: localSockets, keepAlive: true } },
    maxAttempts: localAttempts,
  });
}

/** One client per process, created at module scope so warm Lambda invocations reuse its connections. */
export const dynamoDbClient = createClient();

export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});

export function tableNameFromEnvironment(): string {
  const tableName = process.env[handlerEnvironment.tableName];
  if (!tableName) throw new Error(`${handlerEnvironment.tableName} is not set`);
  return tableName;
}
