import { checkpointOfNote, parseCheckpoint, type Checkpoint } from '../checkpoint.ts';
import { encodeBase64, hashesEqual } from '../hash.ts';
import { parseVerifierKey, verifyNote } from '../note.ts';
import { fail, LogSourceError } from './failures.ts';
import type { LedgerTotals } from './ledger-replay.ts';
import type { LogSource } from './log-source.ts';
import { TreeReplay } from './tree-replay.ts';

/** What a verifier remembers between runs (trust on first use): the log's key and its last checkpoint. */
export interface TrustState {
  /** The verifier key, `<name>+<key id>+<base64 key>`. */
  readonly key?: string;
  /** The last verified checkpoint, as the signed note the log served. */
  readonly checkpoint?: string;
}

export interface VerifyOptions {
  readonly source: LogSource;
  readonly trusted?: TrustState;
  /** A verifier key given explicitly (`--key`): used instead of the remembered one, e.g. after a key rotation. */
  readonly key?: string;
  /**
   * Called with the key and checkpoint to remember once a checkpoint is verified and consistent with
   * the trusted one (steps 1–4), and again for each later checkpoint verified while the summary is compared.
   */
  readonly onTrusted?: (state: Required<TrustState>) => Promise<void> | void;
  readonly onProgress?: (verified: number, size: number) => void;
  readonly progressEvery?: number;
  /** Entry bundles read ahead (default 16). */
  readonly concurrency?: number;
  /** How often to compare the summary before failing: it may be ahead of the checkpoint (default 5). */
  readonly summaryAttempts?: number;
  readonly summaryRetryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface VerifyReport {
  readonly origin: string;
  readonly size: number;
  /** The root hash, base64. */
  readonly root: string;
  readonly key: string;
  /** How the key came to be trusted. */
  readonly keyTrust: 'first use' | 'remembered' | 'given';
  /** The signed checkpoint verified last. */
  readonly checkpoint: string;
  /** The size of the trusted checkpoint this one was found consistent with, if there was one. */
  readonly consistentWith?: number;
  readonly totals: LedgerTotals;
  /** Whether the site's public summary matched the totals recomputed from the entries. */
  readonly summary: 'matched' | 'not served';
}

interface SignedCheckpoint extends Checkpoint {
  readonly note: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Verifies a published log end to end, stopping at the first broken promise (a VerificationFailure
 * whose message names the index, tile path or total):
 *
 * 1. the checkpoint is signed by the log's key (trusted on first use, or remembered, or given) and its
 *    origin is the key's name;
 * 2. every entry is well-formed canonical JSON at its index, balanced within its fund, and no account
 *    goes below zero on its normal side;
 * 3. every hash tile and the checkpoint's root match the tree recomputed from the entries;
 * 4. the tree extends the trusted checkpoint (same root at the trusted size);
 * 5. when a site serves the log, its public summary matches the totals recomputed from the entries.
 */
export async function verifyLog(options: VerifyOptions): Promise<VerifyReport> {
  const { source, trusted = {} } = options;
  const { key, keyTrust } = await establishKey(source, trusted, options.key);
  let checkpoint = await readCheckpoint(source, key);
  const previous = trusted.checkpoint === undefined ? undefined : parseTrustedCheckpoint(trusted.checkpoint);

  const replay = new TreeReplay(source, {
    ...(previous ? { watchSize: previous.size } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.progressEvery !== undefined ? { progressEvery: options.progressEvery } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  await replay.advanceTo(checkpoint);

  if (previous) checkConsistency(previous, checkpoint, replay);
  await options.onTrusted?.({ key, checkpoint: checkpoint.note });

  let summary: VerifyReport['summary'] = 'not served';
  const attempts = options.summaryAttempts ?? 5;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; source.summary; attempt++) {
    const served = await source.summary();
    if (served === undefined) break;
    const mismatch = compareSummary(served, replay.ledger.totals());
    if (!mismatch) {
      summary = 'matched';
      break;
    }
    if (attempt >= attempts) fail(`${mismatch} (size ${checkpoint.size}, ${attempts} attempts)`);
    // The site counts an entry as soon as it is written; the log sequences it a moment later.
    await sleep(options.summaryRetryDelayMs ?? 2_000);
    const latest = await readCheckpoint(source, key);
    if (latest.size < checkpoint.size) {
      fail(`the log's checkpoint went back from size ${checkpoint.size} to ${latest.size}`);
    }
    if (latest.size === checkpoint.size) {
      if (!hashesEqual(latest.root, checkpoint.root)) {
        fail(`the log signed two different roots for size ${latest.size}`);
      }
      continue;
    }
    await replay.advanceTo(latest);
    checkpoint = latest;
    await options.onTrusted?.({ key, checkpoint: checkpoint.note });
  }

  return {
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: encodeBase64(checkpoint.root),
    key,
    keyTrust,
    checkpoint: checkpoint.note,
    ...(previous ? { consistentWith: previous.size } : {}),
    totals: replay.ledger.totals(),
    summary,
  };
}

async function readText(source: LogSource, path: string): Promise<string | undefined> {
  const bytes = await source.get(path);
  if (bytes === undefined) return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    fail(`${path} is not UTF-8 text`);
  }
}

/** Step 1a: the key to verify with; a served key other than the trusted one is a failure. */
async function establishKey(
  source: LogSource,
  trusted: TrustState,
  given: string | undefined,
): Promise<{ key: string; keyTrust: VerifyReport['keyTrust'] }> {
  const served = (await readText(source, 'key'))?.replace(/\r?\n$/u, '');
  if (given !== undefined) {
    try {
      parseVerifierKey(given);
    } catch (error) {
      throw new LogSourceError(`--key is not a verifier key: ${(error as Error).message}`);
    }
    if (served !== undefined && served !== given) fail(`the log's key ${served} is not the key given, ${given}`);
    return { key: given, keyTrust: 'given' };
  }
  if (trusted.key !== undefined) {
    if (served !== undefined && served !== trusted.key) {
      fail(
        `the log's key changed from ${trusted.key} to ${served}; ` +
          `if the log rotated its key, pass --key with the new key to trust it`,
      );
    }
    return { key: trusted.key, keyTrust: 'remembered' };
  }
  if (served === undefined) throw new LogSourceError(`${source.location} serves no key: is it a Terang log?`);
  try {
    parseVerifierKey(served);
  } catch (error) {
    fail(`the log's key is not a verifier key: ${(error as Error).message}`);
  }
  return { key: served, keyTrust: 'first use' };
}

/** Step 1b: the signed checkpoint, verified with `key`, whose origin must be the key's name. */
async function readCheckpoint(source: LogSource, key: string): Promise<SignedCheckpoint> {
  const note = await readText(source, 'checkpoint');
  if (note === undefined) throw new LogSourceError(`${source.location} serves no checkpoint: is it a Terang log?`);
  const { name } = parseVerifierKey(key);
  let body: string;
  try {
    body = (await verifyNote(note, key)).body;
  } catch (error) {
    fail(`the checkpoint is not signed by the log's key ${key}: ${(error as Error).message}`);
  }
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(body);
  } catch (error) {
    fail(`the checkpoint is malformed: ${(error as Error).message}`);
  }
  if (checkpoint.origin !== name) fail(`the checkpoint's origin ${checkpoint.origin} is not the key's name ${name}`);
  return { ...checkpoint, note };
}

function parseTrustedCheckpoint(note: string): Checkpoint {
  try {
    return checkpointOfNote(note);
  } catch (error) {
    throw new LogSourceError(`the remembered checkpoint is unreadable: ${(error as Error).message}`);
  }
}

/** Step 4: the log only grew since the trusted checkpoint, keeping everything it held then. */
function checkConsistency(previous: Checkpoint, checkpoint: Checkpoint, replay: TreeReplay): void {
  if (previous.origin !== checkpoint.origin) {
    fail(`the remembered checkpoint is of log ${previous.origin}, not ${checkpoint.origin}`);
  }
  if (checkpoint.size < previous.size) {
    fail(`the log's size ${checkpoint.size} is smaller than the trusted checkpoint's size ${previous.size}`);
  }
  const root = replay.watchedRoot;
  if (!root || !hashesEqual(root, previous.root)) {
    fail(
      `the log at size ${checkpoint.size} is not consistent with the trusted checkpoint at size ${previous.size}: ` +
        `its entries give the root ${root ? encodeBase64(root) : '?'} at size ${previous.size}, ` +
        `the trusted checkpoint has ${encodeBase64(previous.root)}`,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Step 5: the first total where the summary and the entries disagree, or undefined. */
export function compareSummary(summary: unknown, totals: LedgerTotals): string | undefined {
  if (!isRecord(summary) || !isRecord(summary['byFund']) || !isRecord(summary['balances'])) {
    fail('the public summary has no confirmed, byFund and balances totals');
  }
  const compared: [string, unknown, number][] = [['confirmed', summary['confirmed'], totals.confirmed]];
  for (const group of ['byFund', 'balances'] as const) {
    const served = summary[group] as Record<string, unknown>;
    const funds = [...new Set([...Object.keys(totals[group]), ...Object.keys(served)])];
    for (const fund of funds) compared.push([`${group}.${fund}`, served[fund] ?? 0, totals[group][fund] ?? 0]);
  }
  for (const [name, served, computed] of compared) {
    if (served !== computed) {
      return `the public summary's ${name} is ${JSON.stringify(served)}, but the log's entries give ${computed}`;
    }
  }
  return undefined;
}
