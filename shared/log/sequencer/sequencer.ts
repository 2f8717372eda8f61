import { checkpointOfNote } from '../checkpoint.ts';
import { edgeRoot, type Edge } from '../edge.ts';
import { hashesEqual } from '../hash.ts';
import { publicEntryBytes, recordId, toPublicEntry, type LoggableRecord } from '../public-entry.ts';
import { fingerprint, recentFingerprints, withRecent, type LogHead } from './log-head.ts';
import type { LogPosition, SequencerDependencies } from './ports.ts';
import { appendEntries, publishRange, type Appended } from './publish-range.ts';

const tileWidth = 256;
/**
 * One commit stays inside a DynamoDB transaction's 4 MB with the head beside it: the entries are
 * stored deflated, and canonical JSON deflates well over twice.
 */
const maxCommitBytes = 6_000_000;
const maxCommitAttempts = 50;
const decoder = new TextDecoder();

export interface SequenceOutcome {
  readonly sequenced: number;
  readonly size: number;
}

/**
 * The single writer of the public log. Each call appends the records it has not seen yet, in the
 * order given, at the next free indexes: a compare-and-swap on the head makes a racing second
 * sequencer retry instead of interleaving, and the tiles and checkpoint are only written for
 * committed entries, so a run killed at any point leaves nothing the next run cannot finish.
 */
export function createSequencer(deps: SequencerDependencies) {
  /** What this process last saw, so a warm sequencer does not re-read the head or the last bundle. */
  let cached: { head: LogHead; partialBundle: readonly string[] } | undefined;
  let keyWritten = false;

  async function currentHead(): Promise<LogHead> {
    return cached?.head ?? (await deps.store.readHead());
  }

  async function bundleHead(size: number): Promise<readonly string[]> {
    if (cached && cached.head.publishedSize === size) return cached.partialBundle;
    return deps.store.readEntries(Math.floor(size / tileWidth) * tileWidth, size);
  }

  /** Finishes a commit whose tiles and checkpoint a crash left unwritten. */
  async function finishPublishing(
    head: LogHead,
    added?: { readonly entries: readonly string[]; readonly bytes: readonly Uint8Array[]; readonly appended: Appended },
  ): Promise<LogHead> {
    if (head.publishedSize === head.size) return head;
    const entries = added?.entries ?? (await deps.store.readEntries(head.publishedSize, head.size));
    await refuseToForkPublishedTree(head);
    if (!keyWritten) {
      await deps.files.write('key', new TextEncoder().encode(`${deps.signer.vkey}\n`), 'mutable');
      keyWritten = true;
    }
    // Receipt positions are idempotent puts: a crash before the checkpoint writes them again.
    const [, published] = await Promise.all([
      deps.store.recordPositions(receiptPositions(entries, head.publishedSize)),
      publishRange(deps.files, deps.signer, {
        fromEdge: head.previousEdge,
        bundleHead: await bundleHead(head.publishedSize),
        added: entries,
        ...(added ? { addedBytes: added.bytes, appended: added.appended } : {}),
      }),
    ]);
    if (!sameRoot(published.edge, head.edge)) {
      throw new Error(`the log's entries ${head.publishedSize}–${head.size} do not rebuild the committed tree`);
    }
    // Only this process remembers that the publication finished: a new one publishes the last
    // commit again, writing the same bytes, rather than every commit paying a second write.
    const finished = { ...head, publishedSize: head.size };
    cached = { head: finished, partialBundle: published.partialBundle };
    return finished;
  }

  /**
   * The last line of "never sign two inconsistent checkpoints": the tree about to be signed must
   * extend the one already published. The head's compare-and-swap guarantees it; this checks it.
   */
  async function refuseToForkPublishedTree(head: LogHead): Promise<void> {
    const note = await deps.files.read('checkpoint');
    if (!note) return;
    const published = checkpointOfNote(decoder.decode(note));
    const same =
      published.size === head.size
        ? edgeRoot(head.edge)
        : published.size === head.publishedSize
          ? edgeRoot(head.previousEdge)
          : undefined;
    if (published.size > head.size || (same && !hashesEqual(same, published.root))) {
      throw new Error(
        `refusing to sign: the published checkpoint (size ${published.size}) is not a tree the log's head (size ${head.size}) extends`,
      );
    }
  }

  async function sequence(records: readonly LoggableRecord[]): Promise<SequenceOutcome> {
    let sequenced = 0;
    let pending = [...records];
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= maxCommitAttempts) throw new Error('the log head kept moving: gave up after 50 attempts');
      const head = await finishPublishing(await currentHead());
      const seen = recentFingerprints(head);
      const fresh: { record: LoggableRecord; print: string }[] = [];
      for (const record of pending) {
        const print = fingerprint(recordId(record));
        if (seen.has(print)) continue;
        seen.add(print);
        fresh.push({ record, print });
      }
      if (fresh.length === 0) break;

      const entries: string[] = [];
      const entryBytes: Uint8Array[] = [];
      let bytes = 0;
      for (const { record } of fresh) {
        const encoded = publicEntryBytes(toPublicEntry(record, head.size + entries.length));
        if (entries.length > 0 && bytes + encoded.length > maxCommitBytes) break;
        entries.push(decoder.decode(encoded));
        entryBytes.push(encoded);
        bytes += encoded.length;
      }
      const appended = appendEntries(head.edge, entryBytes);
      const next: LogHead = {
        version: head.version + 1,
        size: head.size + entries.length,
        edge: appended.edge,
        publishedSize: head.size,
        previousEdge: head.edge,
        recent: withRecent(
          head.recent,
          fresh.slice(0, entries.length).map(({ print }) => print),
        ),
      };
      if (!(await deps.store.commit(head.version, next, head.size, entries))) {
        cached = undefined;
        continue;
      }
      // The last bundle read for `head` is still the start of the next one.
      cached =
        cached?.head.publishedSize === head.size ? { head: next, partialBundle: cached.partialBundle } : undefined;
      await finishPublishing(next, { entries, bytes: entryBytes, appended });
      sequenced += entries.length;
      const done = new Set(fresh.slice(0, entries.length).map(({ record }) => record));
      pending = pending.filter((record) => !done.has(record));
    }
    return { sequenced, size: cached?.head.size ?? (await currentHead()).size };
  }

  return { sequence, finishPublishing: async () => finishPublishing(await deps.store.readHead()) };
}

function sameRoot(a: Edge, b: Edge): boolean {
  return a.size === b.size && hashesEqual(edgeRoot(a), edgeRoot(b));
}

/** Confirmed contributions get receipts: their position is looked up by entry id. */
function receiptPositions(entries: readonly string[], start: number): LogPosition[] {
  const positions: LogPosition[] = [];
  entries.forEach((entry, offset) => {
    if (!entry.includes('"type":"contribution.confirmed"')) return;
    const { id } = JSON.parse(entry) as { id: string };
    positions.push({ entryId: id, index: start + offset });
  });
  return positions;
}
