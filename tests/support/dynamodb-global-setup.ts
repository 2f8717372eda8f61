import type { TestProject } from 'vitest/node';

import { freePort, startDynamoDbLocal, type RunningDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

let database: RunningDynamoDbLocal | undefined;

/** One in-memory DynamoDB Local for the whole run; every test file creates its own table in it. */
export async function setup(project: TestProject): Promise<void> {
  if (!database) database = await startDynamoDbLocal({ port: await freePort() });
  project.provide('dynamoDbEndpoint', database.endpoint);
}

export async function teardown(): Promise<void> {
  await database?.stop();
  database = undefined;
}
