import { formatCheckpoint } from '../checkpoint.ts';
import { appendLeaves, edgeRoot, type Edge } from '../edge.ts';
import { leafHash } from '../hash.ts';
import { entriesPath, tilePath } from '../tile-path.ts';
import { encodeEntryBundle } from '../entry-bundle.ts';
import type { LogFiles, CheckpointSigner } from './ports.ts';

const tileWidth = 256;
const encoder = new TextEncoder();

export type Appended = ReturnType<typeof appendLeaves>;

/** The tree after `entries` (canonical JSON, UTF-8) are appended at `edge`. */
export function appendEntries(edge: Edge, entries: readonly Uint8Array[]): Appended {
  return appendLeaves(
    edge,
    entries.map((entry) => leafHash(entry)),
  );
}

export interface PublishedRange {
  readonly edge: Edge;
  readonly checkpoint: string;
  /** The entries of the last, partial entry bundle: the next batch's bundle starts with them. */
  readonly partialBundle: readonly string[];
}

/**
 * Writes what the entries [start, start + added.length) change in the static log: the hash tiles,
 * the entry bundles and, last, the signed checkpoint. Every byte follows from the committed entries,
 * so running it twice, or in two processes at once, writes the same files.
 */
export async function publishRange(
  files: LogFiles,
  signer: CheckpointSigner,
  range: {
    readonly fromEdge: Edge;
    /** Entries from the start of the bundle holding index `start` up to `start`. */
    readonly bundleHead: readonly string[];
    readonly added: readonly string[];
    /** `added` as UTF-8, when the caller has it already. */
    readonly addedBytes?: readonly Uint8Array[];
    /** `appendEntries(fromEdge, addedBytes)`, when the caller has it already. */
    readonly appended?: Appended;
  },
): Promise<PublishedRange> {
  const start = range.fromEdge.size;
  const bytes = range.addedBytes ?? range.added.map((entry) => encoder.encode(entry));
  const { edge, tiles } = range.appended ?? appendEntries(range.fromEdge, bytes);
  const writes: (() => Promise<void>)[] = tiles.map(
    (tile) => () =>
      files.write(
        tilePath(tile.level, tile.n, tile.width),
        tile.hashes,
        tile.width === tileWidth ? 'immutable' : 'mutable',
      ),
  );
  const bundled = [...range.bundleHead.map((entry) => encoder.encode(entry)), ...bytes];
  const firstBundle = Math.floor(start / tileWidth);
  let partialBundle: readonly string[] = [];
  for (let offset = 0; offset < bundled.length; offset += tileWidth) {
    const entries = bundled.slice(offset, offset + tileWidth);
    const n = firstBundle + offset / tileWidth;
    writes.push(() =>
      files.write(
        entriesPath(n, entries.length),
        encodeEntryBundle(entries),
        entries.length === tileWidth ? 'immutable' : 'mutable',
      ),
    );
    if (entries.length < tileWidth) {
      partialBundle = [...range.bundleHead, ...range.added].slice(offset);
    }
  }
  await inParallel(writes, 16);
  const checkpoint = signer.sign(formatCheckpoint({ origin: signer.origin, size: edge.size, root: edgeRoot(edge) }));
  await files.publishCheckpoint(checkpoint, edge.size);
  return { edge, checkpoint, partialBundle };
}

async function inParallel(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]?.();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
