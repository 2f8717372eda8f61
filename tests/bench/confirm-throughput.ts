import { randomUUID } from 'node:crypto';

import { PutCommand } from '@aws-sdk/lib-dynamodb';

import type { ApiHandler } from '../../functions/lib/api-types.ts';
import { routes } from '../../functions/routes.ts';
import { toAuthorizerClaimValue } from '../../shared/auth/claims.ts';
import { handlerEnvironment } from '../../shared/environment.ts';
import { freePort, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { lambdaContext } from '../../infra/local/api-gateway-event.ts';

export interface ThroughputFigures {
  readonly confirmsPerSecond: number;
  readonly putsPerSecond: number;
  readonly ratio: number;
  readonly readsPerConfirm: number;
  readonly writesPerConfirm: number;
}

async function runConcurrently(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await task(index);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * Confirms N declared contributions through the real ConfirmContribution handler and compares with
 * N plain PutItem calls on the same DynamoDB Local. Only the ratio means anything: DynamoDB Local's
 * absolute speed says nothing about DynamoDB.
 */
export async function measureConfirmThroughput(count: number, concurrency: number): Promise<ThroughputFigures> {
  const database = await startDynamoDbLocal({ port: await freePort() });
  try {
    const tableName = `bench-${randomUUID()}`;
    process.env[handlerEnvironment.dynamodbEndpoint] = database.endpoint;
    process.env[handlerEnvironment.tableName] = tableName;
    const { dynamoDbClient, documentClient } = await import('../../shared/dynamodb/client.ts');
    const { DynamoDbStore } = await import('../../shared/dynamodb/dynamodb-store.ts');
    const { ensureTable } = await import('../../infra/local/create-table.ts');
    const { seedCity } = await import('../../infra/local/seed.ts');
    const { registerOrganisation } = await import('../../shared/domain/register-organisation.ts');
    const { declareContribution } = await import('../../shared/domain/declare-contribution.ts');
    await ensureTable(dynamoDbClient, tableName);
    const store = new DynamoDbStore(documentClient, tableName);
    await seedCity(store, false);

    const now = new Date();
    const org = await registerOrganisation(
      store,
      { sub: 'bench', roles: ['admin'] },
      { name: 'Bench company', kind: 'company' },
      now,
    );
    const member = { sub: 'bench', roles: ['company' as const], orgId: org.id };
    const ids: string[] = [];
    await runConcurrently(count, concurrency, async (index) => {
      const declared = await declareContribution(
        store,
        member,
        { orgId: org.id, fund: 'CSR', amount: 1_000 + index, transferRef: `BENCH-${index}`, transferredAt: now },
        now,
      );
      ids[index] = declared.id;
    });

    const route = routes.find((candidate) => candidate.name === 'ConfirmContribution');
    if (!route) throw new Error('ConfirmContribution route missing');
    const { handler } = (await import('../../functions/contributions/confirm.ts')) as { handler: ApiHandler };
    const claims = { sub: 'bench-treasurer', 'cognito:groups': toAuthorizerClaimValue(['treasurer']) };

    const counts = { reads: 0, writes: 0 };
    dynamoDbClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetItemCommand') counts.reads += 1;
        else counts.writes += 1;
        return next(args);
      },
      { step: 'finalizeRequest', name: 'benchRoundTripCounter' },
    );

    const confirmSeconds = await runConcurrently(count, concurrency, async (index) => {
      const result = await handler(
        {
          version: '2.0',
          routeKey: `${route.method} ${route.path}`,
          rawPath: `/api/contributions/${ids[index]}/confirm`,
          rawQueryString: '',
          headers: {},
          isBase64Encoded: false,
          pathParameters: { id: ids[index] ?? '' },
          requestContext: {
            accountId: 'bench',
            apiId: 'bench',
            domainName: 'bench',
            domainPrefix: 'bench',
            http: { method: 'POST', path: '/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
            requestId: randomUUID(),
            routeKey: `${route.method} ${route.path}`,
            stage: '$default',
            time: '',
            timeEpoch: Date.now(),
            authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
          },
        },
        lambdaContext(route),
      );
      if (result.statusCode !== 200) throw new Error(`confirm failed: ${result.statusCode} ${result.body}`);
    });
    const readsPerConfirm = counts.reads / count;
    const writesPerConfirm = counts.writes / count;

    const putSeconds = await runConcurrently(count, concurrency, async (index) => {
      await documentClient.send(
        new PutCommand({ TableName: tableName, Item: { pk: `BASELINE#${index}`, sk: 'BASELINE', amount: index } }),
      );
    });

    return {
      confirmsPerSecond: count / confirmSeconds,
      putsPerSecond: count / putSeconds,
      ratio: count / confirmSeconds / (count / putSeconds),
      readsPerConfirm,
      writesPerConfirm,
    };
  } finally {
    await database.stop();
  }
}
