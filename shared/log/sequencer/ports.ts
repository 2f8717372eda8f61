import type { LogHead } from './log-head.ts';

/** The log's durable state: the head (compare-and-swap) and the entries in index order. */
export interface LogStore {
  readHead(): Promise<LogHead>;
  /**
   * Writes `entries` at indexes [start, start + entries.length) and moves the head from
   * `expectedVersion` to `next`, all or nothing. False when the head had moved: another sequencer won.
   */
  commit(expectedVersion: number, next: LogHead, start: number, entries: readonly string[]): Promise<boolean>;
  /** The canonical JSON of the entries at [start, end). */
  readEntries(start: number, end: number): Promise<string[]>;
  /** Where the entries that people ask receipts for (confirmed contributions) sit in the log. */
  recordPositions(positions: readonly LogPosition[]): Promise<void>;
  findPosition(entryId: string): Promise<number | undefined>;
}

export interface LogPosition {
  readonly entryId: string;
  readonly index: number;
}

/** Where the static log lives: a bucket behind CloudFront, or a directory `npm start` serves. */
export interface LogFiles {
  read(path: string): Promise<Uint8Array | undefined>;
  /** Immutable files (full tiles) are never rewritten with different bytes; mutable ones may be. */
  write(path: string, bytes: Uint8Array, kind: 'immutable' | 'mutable'): Promise<void>;
  /** Publishes the signed checkpoint unless a larger tree's checkpoint is already there. */
  publishCheckpoint(note: string, size: number): Promise<void>;
}

export interface CheckpointSigner {
  /** The log's origin, which is also the key's name. */
  readonly origin: string;
  /** The verifier key in the Go note format, published at /log/key. */
  readonly vkey: string;
  /** The whole signed note for `body`. */
  sign(body: string): string;
}

export interface SequencerDependencies {
  readonly store: LogStore;
  readonly files: LogFiles;
  readonly signer: CheckpointSigner;
}
