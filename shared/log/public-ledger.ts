import { badRequest, notFound } from '../domain/errors.ts';
import { confirmationEntryId } from '../domain/contributions.ts';
import { checkpointOfNote } from './checkpoint.ts';
import { inclusionProof } from './proof.ts';
import type { PublicEntry } from './public-entry.ts';
import type { LogFiles, LogStore } from './sequencer/ports.ts';
import { createTileHashReader } from './tile-hashes.ts';
import { formatTlogProof } from './tlog-proof.ts';

export const defaultPageSize = 100;
export const maxPageSize = 1000;

export interface PublicLedgerPage {
  /**
   * The number of entries committed to the log. They never change once committed; the signed
   * checkpoint (`/log/checkpoint`) follows within the same sequencer run.
   */
  readonly size: number;
  readonly entries: readonly PublicEntry[];
  /** The cursor of the next page, or null on the last one. */
  readonly next: string | null;
}

type LedgerReads = Pick<LogStore, 'readEntries'>;
type LogReads = { readonly store: LedgerReads; readonly files: Pick<LogFiles, 'read'> };

/** One page of the public log, in index order. */
export async function publicLedgerPage(
  store: Pick<LogStore, 'readHead' | 'readEntries'>,
  query: { readonly cursor?: string | undefined; readonly limit?: string | undefined },
): Promise<PublicLedgerPage> {
  const start = wholeNumber(query.cursor ?? '0', 'cursor');
  const limit = wholeNumber(query.limit ?? String(defaultPageSize), 'limit');
  if (limit < 1 || limit > maxPageSize) {
    throw badRequest('invalid_query', `limit must be between 1 and ${maxPageSize}`, [
      { path: 'limit', message: `between 1 and ${maxPageSize}` },
    ]);
  }
  const { size } = await store.readHead();
  if (start > size) {
    throw badRequest('invalid_query', `cursor ${start} is past the end of the log (${size} entries)`, [
      { path: 'cursor', message: `at most ${size}` },
    ]);
  }
  const end = Math.min(size, start + limit);
  const entries = (await store.readEntries(start, end)).map((entry) => JSON.parse(entry) as PublicEntry);
  return { size, entries, next: end < size ? String(end) : null };
}

/**
 * A C2SP tlog-proof for the entry at `index` against the latest checkpoint: the inclusion proof is
 * read from the published tiles, and `extra` carries the entry itself, so the receipt verifies
 * offline with nothing but the log's public key.
 */
export async function ledgerReceipt(deps: LogReads, index: number) {
  const { size, checkpoint } = await checkpointed(deps.files);
  if (index >= size) {
    throw notFound('not_yet_logged', `entry ${index} is not in the log yet (the checkpoint covers ${size})`, 'index');
  }
  const readTile = async (path: string) => {
    const tile = await deps.files.read(path);
    if (!tile) throw new Error(`the log's ${path} is missing`);
    return tile;
  };
  const hashes = await inclusionProof(index, size, createTileHashReader(size, readTile));
  const [entry] = await deps.store.readEntries(index, index + 1);
  return formatTlogProof({ index, hashes, checkpoint, extra: new TextEncoder().encode(entry) });
}

export function parseLogIndex(value: string | undefined): number {
  return wholeNumber(value ?? '', 'index');
}

/** The published checkpoint, read where verifiers read it: the log's own files. */
async function checkpointed(files: Pick<LogFiles, 'read'>): Promise<{ size: number; checkpoint: string }> {
  const bytes = await files.read('checkpoint');
  if (!bytes) return { size: 0, checkpoint: '' };
  const checkpoint = new TextDecoder().decode(bytes);
  return { size: checkpointOfNote(checkpoint).size, checkpoint };
}

function wholeNumber(value: string, field: string): number {
  const number = /^(0|[1-9]\d{0,15})$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number)) {
    throw badRequest('invalid_query', `${field} must be a whole number`, [{ path: field, message: 'a whole number' }]);
  }
  return number;
}

/** The receipt of a confirmed contribution: its confirmation entry's tlog-proof. */
export async function contributionReceipt(
  deps: LogReads & { readonly store: Pick<LogStore, 'findPosition'> },
  contributionId: string,
): Promise<{ readonly index: number; readonly receipt: string }> {
  const index = await deps.store.findPosition(confirmationEntryId(contributionId));
  if (index === undefined) {
    throw notFound(
      'not_yet_logged',
      `contribution ${contributionId} has no confirmation in the public log (yet): it may be unconfirmed, or still being sequenced`,
      'id',
    );
  }
  return { index, receipt: await ledgerReceipt(deps, index) };
}
