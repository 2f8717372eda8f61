import { emptyEdge, type Edge } from '../edge.ts';
import { sha256 } from '../hash.ts';

/**
 * The one item every sequencer run compares-and-swaps. `size` and `edge` describe the committed
 * tree; `publishedSize` trails it only between a commit and the tiles and checkpoint being
 * written, and `previousEdge` (the edge at `publishedSize`) lets the next run finish that work.
 */
export interface LogHead {
  readonly version: number;
  readonly size: number;
  readonly edge: Edge;
  readonly publishedSize: number;
  readonly previousEdge: Edge;
  /** Fingerprints of the most recently sequenced records, newest last (see `recentWindow`). */
  readonly recent: Uint8Array;
  /** The signed note of the latest published tree. */
  readonly checkpoint?: string;
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
 * batches (1,000 records each) wide, and small, as the head is rewritten at every commit.
 */
export const recentWindow = 2048;
const fingerprintBytes = 8;
const encoder = new TextEncoder();

export function fingerprint(recordId: string): string {
  return hex(sha256(encoder.encode(recordId)).subarray(0, fingerprintBytes));
}

export function recentFingerprints(head: LogHead): Set<string> {
  const seen = new Set<string>();
  for (let offset = 0; offset < head.recent.length; offset += fingerprintBytes) {
    seen.add(hex(head.recent.subarray(offset, offset + fingerprintBytes)));
  }
  return seen;
}

export function withRecent(recent: Uint8Array, fingerprints: readonly string[]): Uint8Array {
  const added = new Uint8Array(fingerprints.length * fingerprintBytes);
  fingerprints.forEach((print, i) => added.set(unhex(print), i * fingerprintBytes));
  const all = new Uint8Array(recent.length + added.length);
  all.set(recent);
  all.set(added, recent.length);
  return all.slice(Math.max(0, all.length - recentWindow * fingerprintBytes));
}

function hex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

function unhex(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
