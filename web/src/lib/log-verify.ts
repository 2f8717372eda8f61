/**
 * In-browser verification of the public log with the project's isomorphic log
 * code (shared/log: pure-TypeScript SHA-256, WebCrypto Ed25519, no Node imports).
 * Every failure is a VerifyError naming the step that failed, so the page can
 * say what went wrong in the visitor's language.
 */
import { encodeBase64 } from '../../../shared/log/base64.ts';
import { parseCheckpoint } from '../../../shared/log/checkpoint.ts';
import { hashesEqual } from '../../../shared/log/hash.ts';
import { parseVerifierKey, verifyNote } from '../../../shared/log/note.ts';
import { treeHashFromTiles } from '../../../shared/log/tile-hashes.ts';
import { parseTlogProof, verifyTlogProof } from '../../../shared/log/tlog-proof.ts';

export const LOG_PATHS = { key: '/log/key', checkpoint: '/log/checkpoint', prefix: '/log/' } as const;

/** The step that failed: each has its own message in verify-i18n.ts. */
export type FailureCode =
  'key' | 'fetch' | 'signature' | 'checkpoint' | 'empty' | 'format' | 'noEntry' | 'inclusion' | 'entry';

export class VerifyError extends Error {
  constructor(
    readonly code: FailureCode,
    /** The underlying (English, technical) reason, shown as detail. */
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'VerifyError';
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs `step`, turning any failure into a VerifyError with `code`. */
async function step<T>(code: FailureCode, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof VerifyError ? error : new VerifyError(code, reason(error));
  }
}

async function get(path: string, fetchFn: typeof fetch): Promise<Response> {
  const response = await fetchFn(path, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`GET ${path} failed with HTTP ${response.status}`);
  return response;
}

export interface VerifiedCheckpoint {
  /** The verifier key, as published (trimmed). */
  readonly key: string;
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  readonly rootBase64: string;
  /** Names of the keys whose signatures verified. */
  readonly verifiedBy: readonly string[];
}

/** Fetches the published verifier key (Go note vkey format) and checks that it parses. */
export function fetchVerifierKey(fetchFn: typeof fetch = fetch): Promise<string> {
  return step('key', async () => {
    const key = (await (await get(LOG_PATHS.key, fetchFn)).text()).trim();
    parseVerifierKey(key);
    return key;
  });
}

/** Fetches /log/key and /log/checkpoint and verifies the checkpoint's signed note against the key. */
export async function verifyPublishedCheckpoint(fetchFn: typeof fetch = fetch): Promise<VerifiedCheckpoint> {
  const note = step('fetch', async () => (await get(LOG_PATHS.checkpoint, fetchFn)).text());
  note.catch(() => undefined); // reported below, after the key's own failure if any
  const key = await fetchVerifierKey(fetchFn);
  const verified = await step('signature', async () => verifyNote(await note, key));
  const checkpoint = await step('checkpoint', () => parseCheckpoint(verified.body));
  return {
    key,
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: checkpoint.root,
    rootBase64: encodeBase64(checkpoint.root),
    verifiedBy: verified.verifiedBy,
  };
}

/** Recomputes the root of the tree of `size` leaves from the hash tiles under /log/tile/. */
export async function rootFromTilesMatches(
  size: number,
  root: Uint8Array,
  fetchFn: typeof fetch = fetch,
): Promise<boolean> {
  const computed = await treeHashFromTiles(size, async (path) => {
    const response = await get(`${LOG_PATHS.prefix}${path}`, fetchFn);
    return new Uint8Array(await response.arrayBuffer());
  });
  return hashesEqual(computed, root);
}

/** What a receipt's entry tells a company (the public entry format, shared/log/PUBLIC-ENTRY.md). */
export interface ReceiptEntry {
  readonly id: string;
  readonly type: string;
  readonly fund: string | undefined;
  readonly amount: number;
}

export interface VerifiedReceipt {
  readonly index: number;
  readonly origin: string;
  /** The size of the tree whose checkpoint the receipt carries. */
  readonly size: number;
  readonly entry: ReceiptEntry;
}

/** A pasted receipt: Windows line ends and surrounding blank space are not the signer's. */
export function normaliseReceipt(text: string): string {
  const trimmed = text.replace(/\r\n?/gu, '\n').trim();
  return trimmed === '' ? '' : `${trimmed}\n`;
}

function parseEntry(bytes: Uint8Array, index: number): ReceiptEntry {
  const entry: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error('entry is not an object');
  const { v, index: entryIndex, id, type, fund, amount } = entry as Record<string, unknown>;
  if (v !== 1) throw new Error(`unknown entry format version ${JSON.stringify(v)}`);
  if (entryIndex !== index) throw new Error(`entry says index ${String(entryIndex)}, the proof ${index}`);
  if (typeof id !== 'string' || typeof type !== 'string') throw new Error('entry has no id or type');
  if (fund !== undefined && typeof fund !== 'string') throw new Error('entry fund is not a string');
  if (!Number.isSafeInteger(amount)) throw new Error('entry amount is not an integer');
  return { id, type, fund, amount: amount as number };
}

/**
 * Verifies a C2SP tlog-proof receipt whose `extra` line carries the entry: its checkpoint is signed
 * by the log key (and names `origin`, when given) and its inclusion proof leads from the entry's
 * leaf to that checkpoint's root.
 */
export async function verifyReceipt(text: string, key: string, origin?: string): Promise<VerifiedReceipt> {
  const receipt = normaliseReceipt(text);
  if (receipt === '') throw new VerifyError('empty', 'no receipt');
  const proof = await step('format', () => parseTlogProof(receipt));
  const extra = proof.extra;
  if (extra === undefined) throw new VerifyError('noEntry', 'the receipt has no extra line');
  const note = await step('signature', () => verifyNote(proof.checkpoint, key));
  await step('checkpoint', () => {
    const checkpoint = parseCheckpoint(note.body);
    if (origin !== undefined && checkpoint.origin !== origin) {
      throw new Error(`checkpoint origin ${JSON.stringify(checkpoint.origin)} is not ${JSON.stringify(origin)}`);
    }
  });
  const verified = await step('inclusion', () => verifyTlogProof(receipt, extra, key));
  const entry = await step('entry', () => parseEntry(extra, verified.index));
  return { index: verified.index, origin: verified.origin, size: verified.size, entry };
}
