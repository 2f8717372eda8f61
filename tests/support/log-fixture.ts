import '../../shared/log/node-sha256.ts';

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { verifyCommand, type VerifyCommandOptions } from '../../infra/local/commands/verify.ts';

import { funds, type Fund } from '../../shared/domain/funds.ts';
import { accountType, normalSide, type LedgerEntry } from '../../shared/domain/ledger.ts';
import { formatCheckpoint } from '../../shared/log/checkpoint.ts';
import { appendLeaves, edgeRoot, emptyEdge, partialTiles, type Edge, type TileData } from '../../shared/log/edge.ts';
import { leafHash, type Hash } from '../../shared/log/hash.ts';
import { signerFromSeed, type NoteSigner } from '../../shared/log/note-signer.ts';
import { publicEntryBytes, toPublicEntry, type PublicEntry } from '../../shared/log/public-entry.ts';
import { encodeEntryBundle } from '../../shared/log/entry-bundle.ts';
import { entriesPath, tilePath, tileWidth } from '../../shared/log/tile-path.ts';

/**
 * Writes valid published logs (C2SP tlog-tiles layout) for verifier and integration tests, and the
 * small edits tamper drills make to them. A log directory holds `key` (the verifier key), `checkpoint`
 * (the signed note), `tile/entries/…` bundles and `tile/<L>/…` hash tiles, full and partial.
 */

export const fixtureOrigin = 'terang.test/log';

/** A fixed signer per origin (seed derived from the name), so fixtures are reproducible. */
export function fixtureSigner(origin = fixtureOrigin, variant = 0): NoteSigner {
  const seed = new Uint8Array(32);
  const name = new TextEncoder().encode(`${origin}#${variant}`);
  for (let i = 0; i < name.length; i++) seed[i % 32] = (seed[i % 32]! * 31 + name[i]!) & 0xff;
  return signerFromSeed(origin, seed);
}

export interface LogFixtureOptions {
  /** The log's origin, also the signing key's name (default terang.test/log). */
  readonly origin?: string;
  /** Default: fixtureSigner(origin). Its name must be the origin for the checkpoint to verify. */
  readonly signer?: NoteSigner;
}

export interface LogFixture {
  readonly dir: string;
  readonly origin: string;
  readonly size: number;
  readonly root: Hash;
  /** The signed checkpoint note written to `dir/checkpoint`. */
  readonly checkpoint: string;
  /** The verifier key written to `dir/key`. */
  readonly vkey: string;
  readonly signer: NoteSigner;
}

/** An entry as it goes into a bundle: a public entry (canonical JSON), or raw text or bytes for tamper drills. */
export type FixtureEntry = PublicEntry | string | Uint8Array;

const encoder = new TextEncoder();

export function entryBytes(entry: FixtureEntry): Uint8Array {
  if (entry instanceof Uint8Array) return entry;
  if (typeof entry === 'string') return encoder.encode(entry);
  return publicEntryBytes(entry);
}

/**
 * Writes the log of `entries` (in index order, streamed: a million entries never sit in memory) into
 * `dir`: every entry bundle and hash tile of the tree, the final partial ones, the key and the signed
 * checkpoint. Writing a longer list of the same entries into the same directory grows the log.
 */
export async function writeLogFixture(
  dir: string,
  entries: Iterable<FixtureEntry>,
  options: LogFixtureOptions = {},
): Promise<LogFixture> {
  const origin = options.origin ?? options.signer?.name ?? fixtureOrigin;
  const signer = options.signer ?? fixtureSigner(origin);
  const files = new FileWriter(dir);
  let edge: Edge = emptyEdge();
  let bundle: Uint8Array[] = [];

  const flush = async () => {
    const n = Math.floor(edge.size / tileWidth);
    const { edge: next, tiles } = appendLeaves(
      edge,
      bundle.map((entry) => leafHash(entry)),
    );
    edge = next;
    await files.write(entriesPath(n, bundle.length), encodeEntryBundle(bundle));
    // Full tiles now; the partial ones once, at the end, for the final size.
    for (const tile of tiles)
      if (tile.width === tileWidth) await files.write(tilePath(tile.level, tile.n), tile.hashes);
    bundle = [];
  };
  for (const entry of entries) {
    bundle.push(entryBytes(entry));
    if (bundle.length === tileWidth) await flush();
  }
  if (bundle.length > 0) await flush();
  for (const tile of partialTiles(edge)) await writeTile(files, tile);

  const root = edgeRoot(edge);
  const checkpoint = signer.sign(formatCheckpoint({ origin, size: edge.size, root }));
  await files.write('key', encoder.encode(`${signer.vkey}\n`));
  await files.write('checkpoint', encoder.encode(checkpoint));
  return { dir, origin, size: edge.size, root, checkpoint, vkey: signer.vkey, signer };
}

async function writeTile(files: FileWriter, tile: TileData): Promise<void> {
  await files.write(tilePath(tile.level, tile.n, tile.width), tile.hashes);
}

class FileWriter {
  private readonly made = new Set<string>();
  constructor(private readonly dir: string) {}

  async write(path: string, bytes: Uint8Array): Promise<void> {
    const file = join(this.dir, path);
    const parent = dirname(file);
    if (!this.made.has(parent)) {
      await mkdir(parent, { recursive: true });
      this.made.add(parent);
    }
    await writeFile(file, bytes);
  }
}

/** Re-signs `dir/checkpoint` for a tree of `size` with `root`, by `signer` (e.g. over a rewritten history). */
export async function writeCheckpoint(dir: string, signer: NoteSigner, size: number, root: Hash): Promise<string> {
  const checkpoint = signer.sign(formatCheckpoint({ origin: signer.name, size, root }));
  await writeFile(join(dir, 'checkpoint'), checkpoint);
  return checkpoint;
}

// --- Tamper helpers -------------------------------------------------------------------------------

/** The bundle holding entry `index` in a tree of `size`: its path and the entry's position in it. */
export function bundleOf(index: number, size: number): { path: string; position: number } {
  const n = Math.floor(index / tileWidth);
  return { path: entriesPath(n, Math.min(tileWidth, size - n * tileWidth)), position: index % tileWidth };
}

/** The entries of the bundle file at `path`, as bytes. */
export async function readBundle(dir: string, path: string): Promise<Uint8Array[]> {
  const bundle = new Uint8Array(await readFile(join(dir, path)));
  const entries: Uint8Array[] = [];
  for (let offset = 0; offset < bundle.length;) {
    const length = (bundle[offset]! << 8) | bundle[offset + 1]!;
    entries.push(bundle.slice(offset + 2, offset + 2 + length));
    offset += 2 + length;
  }
  return entries;
}

/** Rewrites the bundle at `path` with whatever `edit` makes of its entries; nothing else changes. */
export async function editBundle(
  dir: string,
  path: string,
  edit: (entries: Uint8Array[]) => FixtureEntry[],
): Promise<void> {
  const entries = edit(await readBundle(dir, path)).map((entry) => entryBytes(entry));
  await writeFile(join(dir, path), encodeEntryBundle(entries));
}

/** Edits entry `index` (parsed) in place in its bundle of a tree of `size`, as canonical JSON. */
export async function editEntry(
  dir: string,
  size: number,
  index: number,
  edit: (entry: Record<string, any>) => unknown,
): Promise<void> {
  const { path, position } = bundleOf(index, size);
  await editBundle(dir, path, (entries) =>
    entries.map((bytes, i) => {
      if (i !== position) return bytes;
      const entry = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, any>;
      return edit(entry) as PublicEntry;
    }),
  );
}

// --- A valid ledger story -------------------------------------------------------------------------

const kecamatan = ['63.71.01', '63.71.02', '63.71.03', '63.71.04', '63.71.05'];

/**
 * `count` valid public entries from index `start`, in cycles of four: a confirmed contribution, an
 * expense of half of it, a proposal approved for a quarter of it, and a household graduating. Funds
 * alternate CSR and ZAKAT per cycle; no balance ever goes below zero.
 */
export function* ledgerStory(count: number, start = 0): Generator<PublicEntry> {
  const time = Date.UTC(2026, 0, 1);
  for (let index = start; index < start + count; index++) {
    const cycle = Math.floor(index / 4);
    const fund: Fund = cycle % 2 === 0 ? 'CSR' : 'ZAKAT';
    const amount = 1_000_000 + (cycle % 100) * 1_000;
    const createdAt = new Date(time + index * 60_000).toISOString();
    const place = kecamatan[cycle % kecamatan.length]!;
    const common = { createdAt, createdBy: 'fixture', fund, refs: {} };
    const org = `org_${cycle % 7}`;
    const entry = (ledger: Omit<LedgerEntry, 'createdAt' | 'createdBy' | 'fund'>): PublicEntry =>
      toPublicEntry({ kind: 'entry', entry: { ...common, ...ledger } }, index);
    switch (index % 4) {
      case 0:
        yield entry({
          id: `entry_${index}`,
          type: 'contribution.confirmed',
          postings: [
            { account: `fund:${fund}`, amount },
            { account: `contributor:${org}:${fund}`, amount: -amount },
          ],
          refs: { contributionId: `contribution_${cycle}`, orgId: org },
        });
        break;
      case 1:
        yield entry({
          id: `entry_${index}`,
          type: 'expense.recorded',
          postings: [
            { account: `expense:training:${place}:${fund}`, amount: amount / 2 },
            { account: `fund:${fund}`, amount: -amount / 2 },
          ],
          refs: { expenseId: `expense_${cycle}` },
          attributions: [
            { use: `expense_${cycle}`, contributionId: `contribution_${cycle}`, orgId: org, amount: amount / 2 },
          ],
        });
        break;
      case 2:
        yield entry({
          id: `entry_${index}`,
          type: 'allocation.approved',
          postings: [
            { account: `clearing:proposal_${cycle}:${fund}`, amount: amount / 4 },
            { account: `fund:${fund}`, amount: -amount / 4 },
          ],
          refs: { proposalId: `proposal_${cycle}` },
        });
        break;
      default:
        yield toPublicEntry(
          {
            kind: 'graduation',
            graduation: {
              household: `hh_${cycle.toString(16).padStart(8, '0')}`,
              kecamatan: place,
              kind: 'mandiri',
              graduatedOn: createdAt.slice(0, 10),
              recordedAt: createdAt,
            },
          },
          index,
        );
    }
  }
}

export interface SummaryTotals {
  readonly confirmed: number;
  readonly byFund: Record<string, number>;
  readonly balances: Record<string, number>;
}

/** The totals `/api/public/summary` publishes for these entries, added up independently of the verifier. */
export function summaryTotals(entries: Iterable<PublicEntry>): SummaryTotals {
  const byFund: Record<string, number> = Object.fromEntries(funds.map((fund) => [fund, 0]));
  const balances: Record<string, number> = Object.fromEntries(funds.map((fund) => [fund, 0]));
  for (const entry of entries) {
    for (const { account, amount } of entry.postings) {
      const balance = normalSide(account) === 'debit' ? amount : -amount;
      if (accountType(account) === 'contributor') byFund[entry.fund!] = byFund[entry.fund!]! + balance;
      if (account === `fund:${entry.fund}`) balances[entry.fund!] = balances[entry.fund!]! + balance;
    }
  }
  return { confirmed: Object.values(byFund).reduce((a, b) => a + b, 0), byFund, balances };
}

// --- Running the verifier -------------------------------------------------------------------------

/** A fresh temporary directory; `remove` deletes it. */
export async function temporaryDirectory(
  prefix = 'terang-log-',
): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface VerifyRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npx terang verify …args` in process and collects what it prints. */
export async function runVerify(args: string[], options: VerifyCommandOptions = {}): Promise<VerifyRun> {
  let stdout = '';
  let stderr = '';
  const code = await verifyCommand(
    args,
    { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } },
    options,
  );
  return { code, stdout, stderr };
}
