import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { keys } from '../../shared/dynamodb/keys.ts';
import { signLocalToken } from '../../infra/local/local-auth.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { entriesIn } from '../support/ledger.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import {
  allocationRules,
  approveFully,
  fundWith,
  householdsIn,
  importRegistry,
  proposeAllocation,
  registryCsv,
} from '../support/money-out.ts';

const households = 1_000;
const benefit = 100_000;

let table: IsolatedTable;
let api: LocalApi;
let documentClient: DynamoDBDocumentClient;

beforeAll(async () => {
  table = await useIsolatedTable();
  // Imported only now: the client reads the endpoint the isolated table just set.
  ({ documentClient } = await import('../../shared/dynamodb/client.ts'));
  api = await startLocalApi();
  await importRegistry(
    api,
    registryCsv(householdsIn(['63.71.01', '63.71.02', '63.71.03', '63.71.04', '63.71.05'], households / 5)),
  );
  await fundWith(api, 'CSR', households * benefit);
  await fundWith(api, 'INFAK', households * benefit);
}, 120_000);

afterAll(async () => {
  await api.close();
});

/** The local API in a child process that the test can kill outright. */
async function startApiProcess(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const script = fileURLToPath(new URL('../support/api-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    output += chunk.toString();
    const match = /listening (\d+)/u.exec(output);
    if (match) return { child, baseUrl: `http://127.0.0.1:${match[1]}` };
  }
  throw new Error(`the API process exited before listening: ${output}`);
}

async function reservedLines(proposalId: string): Promise<{ status: string; reservedLines: number }> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: table.tableName, Key: keys.proposal(proposalId), ConsistentRead: true }),
  );
  return { status: Item?.['status'] as string, reservedLines: Number(Item?.['reservedLines'] ?? 0) };
}

/** An allocation's ledger with its own ids and fund replaced, so two allocations compare like for like. */
function normalisedLedger(snapshot: readonly Record<string, unknown>[], proposalId: string, fund: string) {
  const names = new Map<string, string>();
  const rename = (text: string) =>
    text.replaceAll(proposalId, 'PROPOSAL').replace(new RegExp(`:${fund}$`, 'u'), ':FUND');
  const placeholder = (id: string) => {
    if (!names.has(id)) names.set(id, `source-${names.size}`);
    return names.get(id) as string;
  };
  return entriesIn(snapshot)
    .filter((entry) => entry.refs?.proposalId === proposalId)
    .map((entry) => ({
      id: rename(entry.id),
      type: entry.type,
      postings: entry.postings.map((posting: { account: string; amount: number }) => ({
        account: rename(posting.account),
        amount: posting.amount,
      })),
      attributions: (entry.attributions ?? []).map((attribution: Record<string, string | number>) => ({
        use: rename(String(attribution['use'])),
        contribution: placeholder(String(attribution['contributionId'])),
        amount: attribution['amount'],
      })),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

describe('an approval killed half-way through its reservations', () => {
  it('resumes to a ledger identical to an uninterrupted approval', async () => {
    const uninterrupted = await proposeAllocation(api, {
      rules: allocationRules('CSR', households * benefit, benefit),
    });
    const interrupted = await proposeAllocation(api, {
      rules: allocationRules('INFAK', households * benefit, benefit),
    });
    expect((await approveFully(api, uninterrupted.id)).body.status).toBe('approved');

    const { child, baseUrl } = await startApiProcess();
    const token = await signLocalToken({ roles: ['approver'], sub: 'approver-budi' });
    const request = fetch(`${baseUrl}/api/allocations/${interrupted.id}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    }).catch(() => undefined);
    let progress = await reservedLines(interrupted.id);
    while (progress.reservedLines === 0 && progress.status !== 'approved')
      progress = await reservedLines(interrupted.id);
    child.kill('SIGKILL');
    await once(child, 'exit');
    await request;
    const atCrash = await reservedLines(interrupted.id);
    expect(atCrash.status).toBe('reserving');
    expect(atCrash.reservedLines).toBeGreaterThan(0);
    expect(atCrash.reservedLines).toBeLessThan(households);

    // Resume as a client would: again, should one request run out of time before the last line.
    const officer = await api.token('officer');
    let resumed = await api.call('POST', `/api/allocations/${interrupted.id}/resume`, { token: officer });
    for (let attempt = 0; resumed.status === 200 && resumed.body.status === 'reserving' && attempt < 10; attempt += 1) {
      resumed = await api.call('POST', `/api/allocations/${interrupted.id}/resume`, { token: officer });
    }

    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'approved', reservedLines: households });
    const snapshot = await table.snapshot();
    expect(normalisedLedger(snapshot, interrupted.id, 'INFAK')).toEqual(
      normalisedLedger(snapshot, uninterrupted.id, 'CSR'),
    );
  }, 120_000);
});
