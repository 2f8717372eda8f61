import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { keys } from '../../shared/dynamodb/keys.ts';
import { handlerEnvironment } from '../../shared/environment.ts';
import { emptyEdge } from '../../shared/log/edge.ts';
import { signerFromSkey } from '../../shared/log/note-signer.ts';
import type { PublicEntry } from '../../shared/log/public-entry.ts';
import { publishRange } from '../../shared/log/sequencer/publish-range.ts';
import { LocalDirectoryLogFiles } from '../../shared/log-storage/local-directory-log-files.ts';
import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { editBundle, runVerify } from '../support/log-fixture.ts';
import { followCsrMoneyOut } from '../support/money-out-scenario.ts';
import { startPublicLog } from '../support/public-log.ts';
import { confirm, declare, registerOrganisation } from '../support/scenario.ts';

/**
 * Tamper drills against a running instance: someone with write access to the table or the log's
 * files changes history, and `terang verify <site>` names what changed.
 */
let api: LocalApi;
let log: Awaited<ReturnType<typeof startPublicLog>>;
let documents: typeof import('../../shared/dynamodb/client.ts').documentClient;
let tableName: string;
let entries: PublicEntry[];
let pristine: string;
let zakatContribution: string;
const state = () => mkdtemp(join(tmpdir(), 'terang-verify-state-'));
const verify = (...args: string[]) => runVerify([api.baseUrl, ...args], { summaryAttempts: 1, summaryRetryDelayMs: 0 });

beforeAll(async () => {
  await useIsolatedTable();
  tableName = process.env[handlerEnvironment.tableName]!;
  ({ documentClient: documents } = await import('../../shared/dynamodb/client.ts'));
  api = await startLocalApi({ logDirectory: process.env[handlerEnvironment.localLogDirectory]! });
  log = await startPublicLog();
  await followCsrMoneyOut(api, 'PT Tambang Intan Martapura');
  const baznas = await registerOrganisation(api, 'baznas', 'BAZNAS Kota Banjarmasin');
  zakatContribution = await declare(api, baznas, 'baznas', { amount: 2_500_000, fund: 'ZAKAT' });
  await confirm(api, zakatContribution);
  await log.settled();
  await log.stop();
  entries = (await api.call('GET', '/api/public/ledger?limit=1000')).body.entries as PublicEntry[];
  pristine = await mkdtemp(join(tmpdir(), 'terang-log-pristine-'));
  await cp(log.directory, pristine, { recursive: true });
}, 120_000);

afterEach(async () => {
  // Every drill starts from the log as the sequencer wrote it.
  await rm(log.directory, { recursive: true, force: true });
  await cp(pristine, log.directory, { recursive: true });
});

afterAll(async () => {
  await api.close();
});

/** Moves `amount` more through the confirmation's entry and both balances, as a careful tamperer would. */
async function inflateConfirmation(contributionId: string, fund: string, orgId: string, amount: number) {
  const entryKey = keys.entry(`entry_confirm_${contributionId}`);
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: entryKey }));
  const postings = (Item!['postings'] as { account: string; amount: number }[]).map((posting) => ({
    ...posting,
    amount: posting.amount + Math.sign(posting.amount) * amount,
  }));
  await documents.send(
    new UpdateCommand({
      TableName: tableName,
      Key: entryKey,
      UpdateExpression: 'SET postings = :postings',
      ExpressionAttributeValues: { ':postings': postings },
    }),
  );
  for (const [account, delta] of [
    [`fund:${fund}`, amount],
    [`contributor:${orgId}:${fund}`, -amount],
  ] as const) {
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.account(account),
        UpdateExpression: 'ADD balance :delta',
        ExpressionAttributeValues: { ':delta': delta },
      }),
    );
  }
}

describe('terang verify against the running site', () => {
  it('verifies the untouched log, its signature, tiles and the public totals', async () => {
    // Act
    const run = await verify('--state', await state());

    // Assess
    expect(run.stderr).not.toContain('FAILED');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`size ${entries.length}`);
    expect(run.stdout).toContain('summary matched');
  });

  it("catches an entry's amount edited in DynamoDB, naming the total that no longer matches", async () => {
    // Prepare
    const confirmation = entries.find((entry) => entry.refs['contributionId'] === zakatContribution)!;
    await inflateConfirmation(zakatContribution, 'ZAKAT', confirmation.organisation!, 1_000_000);

    try {
      // Act
      const run = await verify();

      // Assess
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/FAILED: the public summary's (confirmed|byFund\.ZAKAT|balances\.ZAKAT)/);
    } finally {
      await inflateConfirmation(zakatContribution, 'ZAKAT', confirmation.organisation!, -1_000_000);
    }
  });

  it('catches an entry deleted from DynamoDB (with its balances), naming the total', async () => {
    // Prepare: the zakat confirmation disappears, and so does its money.
    const confirmation = entries.find((entry) => entry.refs['contributionId'] === zakatContribution)!;
    await inflateConfirmation(zakatContribution, 'ZAKAT', confirmation.organisation!, -confirmation.amount);

    try {
      // Act
      const run = await verify();

      // Assess
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/FAILED: the public summary's (confirmed|byFund\.ZAKAT|balances\.ZAKAT)/);
    } finally {
      await inflateConfirmation(zakatContribution, 'ZAKAT', confirmation.organisation!, confirmation.amount);
    }
  });

  it('catches two entries swapped in the published bundle, naming the index', async () => {
    // Prepare
    // The log is smaller than one bundle: its partial bundle at the checkpoint's size holds it all.
    await editBundle(log.directory, `tile/entries/000.p/${entries.length}`, (all) => [
      all[1]!,
      all[0]!,
      ...all.slice(2),
    ]);

    // Act
    const run = await verify();

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/FAILED: .*entry (at )?(index )?0\b/);
  });

  it('catches a replaced hash tile, naming the tile', async () => {
    // Prepare
    const width = String(entries.length);
    const path = join(log.directory, 'tile', '0', '000.p', width);
    const tile = await readFile(path);
    tile[40] = (tile[40] ?? 0) ^ 0xff;
    await writeFile(path, tile);

    // Act
    const run = await verify();

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`FAILED: tile/0/000.p/${width}`);
  });

  it('catches a checkpoint, signed with the real key, over a rewritten history', async () => {
    // Prepare: a verifier saw the log once; then the operator rebuilds it with one entry changed.
    const remembered = await state();
    expect((await verify('--state', remembered)).code).toBe(0);
    const skey = await readFile(join(process.env[handlerEnvironment.localKeyDirectory]!, 'log-signing.key'), 'utf8');
    const signer = signerFromSkey(skey.trim());
    const rewritten = entries.map((entry) => JSON.stringify(entry));
    const last = entries.at(-1)!;
    rewritten[rewritten.length - 1] = JSON.stringify({ ...last, time: '2026-01-01T00:00:00.000Z' });
    await rm(join(log.directory, 'tile'), { recursive: true });
    await publishRange(
      new LocalDirectoryLogFiles(log.directory),
      { origin: signer.name, vkey: signer.vkey, sign: (body) => signer.sign(body) },
      { fromEdge: emptyEdge(), bundleHead: [], added: rewritten },
    );

    // Act
    const run = await verify('--state', remembered);

    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/FAILED: .*not consistent/);
  });
});
