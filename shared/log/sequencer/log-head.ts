import { emptyEdge, type Edge } from '../edge.ts';
import { fromHex, sha256, toHex } from '../hash.ts';

/**
 * The one item every sequencer run compares-and-swaps. `size` and `edge` describe the committed
 * tree; `publishedSize` is the size before the last commit, whose tiles and checkpoint may not be
 * written yet, and `previousEdge` (the edge at `publishedSize`) lets a later run finish that work.
 * The signed checkpoint itself lives only in the log's files.
 */
export interface LogHead {
  readonly version: number;
  readonly size: number;
  readonly edge: Edge;
  readonly publishedSize: number;
  readonly previousEdge: Edge;
  /** Fingerprints of the most recently sequenced records, newest last (see `recentWindow`). */
  readonly recent: Uint8Array;
}

export const emptyHead: LogHead = {
  version: 0,
  size: 0,
  edge: emptyEdge(),
  publishedSize: 0,
  previousEdge: emptyEdge(),
  recent: new Uint8Array(0),
};

/**
 * A stream delivers each record at least once: a batch that failed after its commit comes back.
 * Records already among the last `recentWindow` sequenced are dropped; the window is two stream
 * batches (5,000 records each) wide: 80 KB of the head item.
 */
export const recentWindow = 10_240;
const fingerprintBytes = 8;
const encoder = new TextEncoder();

export function fingerprint(recordId: string): string {
  return toHex(sha256(encoder.encode(recordId)).subarray(0, fingerprintBytes));
}

export function recentFingerprints(head: LogHead): Set<string> {
  const seen = new Set<string>();
  for (let offset = 0; offset < head.recent.length; offset += fingerprintBytes) {
    seen.add(toHex(head.recent.subarray(offset, offset + fingerprintBytes)));
  }
  return seen;
}

export function withRecent(recent: Uint8Array, fingerprints: readonly string[]): Uint8Array {
  const added = new Uint8Array(fingerprints.length * fingerprintBytes);
  fingerprints.forEach((print, i) => added.set(fromHex(print), i * fingerprintBytes));
  const all = new Uint8Array(recent.length + added.length);
  all.set(recent);
  all.set(added, recent.length);
  return all.slice(Math.max(0, all.length - recentWindow * fingerprintBytes));
}
