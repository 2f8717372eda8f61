import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { canonicalJson } from '../../shared/allocation/canonical-json.ts';
import { parseCheckpoint } from '../../shared/log/checkpoint.ts';
import { verifyNote } from '../../shared/log/note.ts';
import { verifyTlogProof } from '../../shared/log/tlog-proof.ts';
import type { PublicEntry } from '../../shared/log/public-entry.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { followCsrMoneyOut } from '../support/money-out-scenario.ts';
import { registryCsv, householdsIn } from '../support/money-out.ts';
import { startPublicLog } from '../support/public-log.ts';
import { confirm, declare, itemsOf, registerOrganisation } from '../support/scenario.ts';
import { graduate, pseudonymsOf } from './programmes-scenario.ts';

let table: IsolatedTable;
let api: LocalApi;
let log: Awaited<ReturnType<typeof startPublicLog>>;
let companyId: string;
let zakatContribution: string;
let entries: PublicEntry[];

async function allPublicEntries(): Promise<PublicEntry[]> {
  const all: PublicEntry[] = [];
  let cursor: string | null = '0';
  while (cursor !== null) {
    const page = await api.call('GET', `/api/public/ledger?cursor=${cursor}&limit=7`);
    expect(page.status).toBe(200);
    all.push(...(page.body.entries as PublicEntry[]));
    cursor = page.body.next as string | null;
  }
  return all;
}

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi({ logDirectory: process.env['TERANG_LOCAL_LOG_DIR'] });
  log = await startPublicLog();
  ({ companyId } = await followCsrMoneyOut(api, 'PT Sungai Barito Sejahtera'));
  const baznas = await registerOrganisation(api, 'baznas', 'BAZNAS Kota Banjarmasin');
  zakatContribution = await declare(api, baznas, 'baznas', { amount: 2_500_000, fund: 'ZAKAT' });
  await confirm(api, zakatContribution);
  const [household] = await pseudonymsOf(registryCsv(householdsIn(['63.71.01'], 6)));
  expect((await graduate(api, household!)).status).toBe(201);
  await log.settled();
  entries = await allPublicEntries();
}, 120_000);

afterAll(async () => {
  await log.stop();
  await api.close();
});

describe('the public log', () => {
  it('holds every ledger entry and graduation once, at consecutive indexes', async () => {
    // Prepare
    const snapshot = await table.snapshot();
    const ledgerIds = itemsOf(snapshot, 'LedgerEntry').map((item) => item['id'] as string);
    const graduations = snapshot.filter((item) => item['sk'] === 'GRADUATION').length;

    // Assess
    expect(entries.map((entry) => entry.index)).toEqual(entries.map((_, i) => i));
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
    expect(
      entries
        .filter((entry) => entry.type !== 'household.graduated')
        .map((e) => e.id)
        .sort(),
    ).toEqual([...ledgerIds].sort());
    expect(entries.filter((entry) => entry.type === 'household.graduated')).toHaveLength(graduations);
    expect(log.errors).toEqual([]);
  });

  it('publishes a checkpoint signed by the key at /log/key, over every entry', async () => {
    // Act
    const key = (await api.call('GET', '/log/key')).body as string;
    const checkpoint = (await api.call('GET', '/log/checkpoint')).body as string;

    // Assess
    const verified = await verifyNote(checkpoint, key.trim());
    expect(parseCheckpoint(verified.body)).toMatchObject({ origin: 'terang.local/banjarmasin', size: entries.length });
  });

  it('writes postings that sum to zero in every entry', () => {
    for (const entry of entries) {
      expect(
        entry.postings.reduce((sum, posting) => sum + posting.amount, 0),
        `entry ${entry.index}`,
      ).toBe(0);
    }
  });

  it('answers every receipt with a tlog-proof that verifies offline against the key', async () => {
    // Prepare
    const key = ((await api.call('GET', '/log/key')).body as string).trim();

    for (const entry of entries) {
      // Act
      const receipt = await api.call('GET', `/api/public/ledger/${entry.index}/receipt`);

      // Assess
      expect(receipt.status).toBe(200);
      const verified = await verifyTlogProof(receipt.body as string, canonical(entry), key);
      expect(verified.index).toBe(entry.index);
      expect(verified.extra).toEqual(canonical(entry));
    }
  });

  it('gives a company the receipt of its confirmed contribution', async () => {
    // Prepare
    const key = ((await api.call('GET', '/log/key')).body as string).trim();
    const confirmation = entries.find(
      (entry) => entry.type === 'contribution.confirmed' && entry.refs['contributionId'] === zakatContribution,
    )!;

    // Act
    const receipt = await api.call('GET', `/api/public/contributions/${zakatContribution}/receipt`);

    // Assess
    expect(receipt.status).toBe(200);
    expect((await verifyTlogProof(receipt.body as string, canonical(confirmation), key)).index).toBe(
      confirmation.index,
    );
  });

  it('refuses a receipt for an index the log does not hold yet, naming the index', async () => {
    // Act
    const response = await api.call('GET', `/api/public/ledger/${entries.length}/receipt`);

    // Assess
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'not_yet_logged', issues: [{ path: 'index' }] });
  });

  it('refuses a cursor that is not a whole number, naming the field', async () => {
    // Act
    const response = await api.call('GET', '/api/public/ledger?cursor=abc');

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([{ path: 'cursor', message: 'a whole number' }]);
  });

  it('never publishes personal data: no name, NIK, KK, address, free-text reason or staff user', async () => {
    // Prepare
    const snapshot = await table.snapshot();
    const organisationNames = itemsOf(snapshot, 'Organisation').map((item) => item['name'] as string);
    const staff = itemsOf(snapshot, 'LedgerEntry').map((item) => item['createdBy'] as string);
    const forbidden = [...organisationNames, ...new Set(staff), 'Warga ', 'Jalan ', 'penghasilan di atas UMK'];
    const files = await readFile(
      join(log.directory, 'tile', 'entries', '000.p', String(entries.length)),
      'latin1',
    ).catch(() => readFile(join(log.directory, 'tile', 'entries', '000'), 'latin1'));

    // Assess
    for (const entry of entries) {
      const text = JSON.stringify(entry);
      for (const value of forbidden) expect(text, `entry ${entry.index}`).not.toContain(value);
      // A NIK or KK is 16 digits; pseudonyms and ids never are.
      expect(text, `entry ${entry.index}`).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
    }
    for (const value of forbidden) expect(files).not.toContain(value);
  });

  it('names the company and its money in the entries it funded', () => {
    const funded = entries.filter((entry) => entry.sources?.some((source) => source.orgId === companyId));
    expect(funded.map((entry) => entry.type)).toEqual(
      expect.arrayContaining(['allocation.approved', 'allocation.reserved', 'disbursement.paid', 'expense.recorded']),
    );
    expect(entries.find((entry) => entry.type === 'disbursement.paid')?.evidenceSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

/** The leaf's bytes, re-serialised from the parsed entry: the canonical form round-trips. */
function canonical(entry: PublicEntry): Uint8Array {
  return new TextEncoder().encode(canonicalJson(entry));
}
