import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface ApprovalFigures {
  readonly households: number;
  readonly lines: number;
  readonly chunks: number;
  readonly approveMs: number;
  readonly reads: number;
  readonly transactions: number;
  readonly otherWrites: number;
}

/**
 * Approves one proposal of `households` lines through the approval use case on DynamoDB Local,
 * counting every round trip the approval makes. Runs in a child process: the handlers' DynamoDB
 * client is module-scope and must point at this run's own database.
 */
export async function measureApproval(households: number): Promise<ApprovalFigures> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), String(households)],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ApprovalFigures;
}

async function runInChild(households: number): Promise<ApprovalFigures> {
  const { freePort, startDynamoDbLocal } = await import('../../infra/local/dynamodb-local.ts');
  const { handlerEnvironment } = await import('../../shared/environment.ts');
  const database = await startDynamoDbLocal({ port: await freePort() });
  try {
    const tableName = `bench-${randomUUID()}`;
    process.env[handlerEnvironment.dynamodbEndpoint] = database.endpoint;
    process.env[handlerEnvironment.tableName] = tableName;
    process.env[handlerEnvironment.localKeyDirectory] = await mkdtemp(join(tmpdir(), 'terang-bench-keys-'));
    const { dynamoDbClient, documentClient } = await import('../../shared/dynamodb/client.ts');
    const { ensureTable } = await import('../../infra/local/create-table.ts');
    const { seedCity } = await import('../../infra/local/seed.ts');
    const { DynamoDbStore } = await import('../../shared/dynamodb/dynamodb-store.ts');
    await ensureTable(dynamoDbClient, tableName);
    await seedCity(new DynamoDbStore(documentClient, tableName), false);

    const { approvalDependencies } = await import('../../functions/lib/approvals.ts');
    const { programmes, graduations } = await import('../../functions/lib/programmes.ts');
    const { registryDependencies } = await import('../../functions/lib/registry-dependencies.ts');
    const { importHouseholds } = await import('../../shared/registry/import-households.ts');
    const { registerOrganisation } = await import('../../shared/domain/register-organisation.ts');
    const { declareContribution } = await import('../../shared/domain/declare-contribution.ts');
    const { confirmContribution } = await import('../../shared/domain/confirm-contribution.ts');
    const { proposeAllocation } = await import('../../shared/proposals/propose-allocation.ts');
    const { approveAllocation } = await import('../../shared/approvals/approve-allocation.ts');
    const { registryCsv, householdsIn, allocationRules } = await import('../support/money-out.ts');
    const { store } = approvalDependencies;

    const kecamatan = ['63.71.01', '63.71.02', '63.71.03', '63.71.04', '63.71.05'];
    const now = new Date();
    await importHouseholds(
      await registryDependencies(),
      { sub: 'bench-officer', roles: ['officer'] },
      [registryCsv(householdsIn(kecamatan, Math.ceil(households / kecamatan.length)))],
      { importId: `imp_bench_${randomUUID()}`, dryRun: false, now },
    );
    const benefit = 100_000;
    const org = await registerOrganisation(
      store,
      { sub: 'bench', roles: ['admin'] },
      { name: 'Bench company', kind: 'company' },
      now,
    );
    const declared = await declareContribution(
      store,
      { sub: 'bench', roles: ['company'], orgId: org.id },
      { orgId: org.id, fund: 'CSR', amount: households * benefit, transferRef: 'BENCH-APPROVE', transferredAt: now },
      now,
    );
    await confirmContribution(store, { sub: 'bench-treasurer', roles: ['treasurer'] }, declared.id, now);
    const proposal = await proposeAllocation(
      { ...approvalDependencies, programmes, graduations },
      { sub: 'bench-officer', roles: ['officer'] },
      { rules: allocationRules('CSR', households * benefit, benefit) },
      now,
    );

    const counts = { reads: 0, transactions: 0, otherWrites: 0 };
    dynamoDbClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') counts.transactions += 1;
        else if (/^(Get|BatchGet|Query|Scan)/u.test(context.commandName ?? '')) counts.reads += 1;
        else counts.otherWrites += 1;
        return next(args);
      },
      { step: 'finalizeRequest', name: 'benchRoundTripCounter' },
    );
    const started = performance.now();
    const outcome = await approveAllocation(
      approvalDependencies,
      { sub: 'bench-approver', roles: ['approver'] },
      proposal.id,
      new Date(),
    );
    const approveMs = performance.now() - started;
    if (outcome.status !== 'approved') throw new Error(`approval ended ${outcome.status}`);
    return {
      households,
      lines: outcome.lineCount,
      // One transaction takes the money to clearing; every other one is a chunk of reservations.
      chunks: counts.transactions - 1,
      approveMs,
      ...counts,
    };
  } finally {
    await database.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await runInChild(Number(process.argv[2]))));
}
