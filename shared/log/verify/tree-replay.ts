import type { Checkpoint } from '../checkpoint.ts';
import { appendLeaves, edgeRoot, emptyEdge, partialTiles, type Edge, type TileData } from '../edge.ts';
import { encodeBase64, hashesEqual, leafHash, type Hash } from '../hash.ts';
import { entriesPath, tilePath, tileWidth as width } from '../tile-path.ts';
import { splitEntryBundle } from './entry-bundle.ts';
import { fail } from './failures.ts';
import { LedgerReplay } from './ledger-replay.ts';
import type { LogSource } from './log-source.ts';
import { prefetch } from './prefetch.ts';

const hashSize = 32;

export interface ReplayOptions {
  /** Bundles (with their level-0 tiles) read ahead of the one being checked. */
  readonly concurrency?: number;
  /** A tree size whose root to keep on the way: the trusted checkpoint's, for the consistency check. */
  readonly watchSize?: number;
  readonly progressEvery?: number;
  readonly onProgress?: (verified: number, size: number) => void;
}

/**
 * Rebuilds a published log from its entry bundles, bundle by bundle: each entry is checked and applied
 * to the ledger (LedgerReplay), its leaf hash appended to the tree's right edge, and every hash tile the
 * log serves is compared with the one recomputed, then the root with the checkpoint's. Only the edge,
 * the open balances and the last partial bundle stay in memory, so it can later continue to a larger
 * checkpoint of the same log.
 */
export class TreeReplay {
  readonly ledger = new LedgerReplay();
  private edge: Edge = emptyEdge();
  private verified = 0;
  /** The entries of the partial bundle at `verified`: a larger tree's bundle must start with them. */
  private tail: Uint8Array[] = [];
  private watched: Hash | undefined;

  constructor(
    private readonly source: LogSource,
    private readonly options: ReplayOptions = {},
  ) {
    if (options.watchSize === 0) this.watched = edgeRoot(this.edge);
  }

  get size(): number {
    return this.verified;
  }

  /** The root the entries gave at `watchSize`, once the replay went past it. */
  get watchedRoot(): Hash | undefined {
    return this.watched;
  }

  /** Verifies the entries [size, checkpoint.size) and the tree of checkpoint.size against the log. */
  async advanceTo(checkpoint: Checkpoint): Promise<void> {
    const target = checkpoint.size;
    if (target < this.verified) throw new Error(`cannot replay back from ${this.verified} to ${target}`);
    const first = Math.floor(this.verified / width);
    const end = Math.ceil(target / width);
    const load = async (i: number) => {
      const n = first + i;
      const count = Math.min(width, target - n * width);
      const path = entriesPath(n, count === width ? undefined : count);
      const [bundle, tile] = await Promise.all([
        this.source.get(path),
        count === width ? this.source.get(tilePath(0, n)) : Promise.resolve(undefined),
      ]);
      return { n, count, path, bundle, tile };
    };
    for await (const { n, count, path, bundle, tile } of prefetch(end - first, load, this.options.concurrency ?? 16)) {
      if (!bundle) fail(`the log does not serve ${path}, needed for size ${target}`);
      const entries = splitEntryBundle(bundle, count, path);
      const start = n * width;
      const known = this.verified - start;
      for (let i = 0; i < known; i++) {
        if (!hashesEqual(entries[i]!, this.tail[i]!)) {
          fail(`${path} changed entry ${start + i}, verified before at size ${this.verified}`);
        }
      }
      const leaves: Hash[] = [];
      for (let i = Math.max(known, 0); i < count; i++) {
        this.ledger.apply(entries[i]!, start + i);
        leaves.push(leafHash(entries[i]!));
      }
      await this.append(leaves, tile);
      this.tail = count === width ? [] : entries.map((entry) => entry.slice());
      this.reportProgress(start + known, target);
    }
    await this.comparePartialTiles();
    const root = edgeRoot(this.edge);
    if (!hashesEqual(root, checkpoint.root)) {
      fail(
        `the checkpoint's root ${encodeBase64(checkpoint.root)} for size ${target} is not the root ` +
          `${encodeBase64(root)} of the tree recomputed from the entries`,
      );
    }
  }

  private async append(leaves: Hash[], levelZeroTile: Uint8Array | undefined): Promise<void> {
    const watch = this.options.watchSize;
    const split = watch !== undefined && watch > this.verified && watch < this.verified + leaves.length;
    const chunks = split ? [leaves.slice(0, watch - this.verified), leaves.slice(watch - this.verified)] : [leaves];
    for (const chunk of chunks) {
      const { edge, tiles } = appendLeaves(this.edge, chunk);
      this.edge = edge;
      this.verified += chunk.length;
      if (this.verified === watch) this.watched = edgeRoot(edge);
      for (const tile of tiles) {
        if (tile.width !== width) continue;
        const path = tilePath(tile.level, tile.n);
        const served = tile.level === 0 && levelZeroTile ? levelZeroTile : await this.source.get(path);
        compareTile(tile, served, path);
      }
    }
  }

  /** The partial tiles of the tree of `size`, which the edge holds: level L has ⌊size / 256^L⌋ hashes. */
  private async comparePartialTiles(): Promise<void> {
    for (const tile of partialTiles(this.edge)) {
      const path = tilePath(tile.level, tile.n, tile.width);
      compareTile(tile, await this.source.get(path), path);
    }
  }

  private reportProgress(from: number, target: number): void {
    const every = this.options.progressEvery ?? 100_000;
    if (this.options.onProgress && Math.floor(this.verified / every) > Math.floor(from / every)) {
      this.options.onProgress(this.verified, target);
    }
  }
}

function compareTile(tile: TileData, served: Uint8Array | undefined, path: string): void {
  if (!served) fail(`the log does not serve ${path}`);
  if (hashesEqual(served, tile.hashes)) return;
  if (served.length !== tile.hashes.length) {
    fail(`${path} is ${served.length} bytes, not the ${tile.hashes.length} of ${tile.width} hashes`);
  }
  let k = 0;
  while (hashesEqual(hashAt(served, k), hashAt(tile.hashes, k))) k++;
  const where = tile.level === 0 ? `at hash ${k} (entry ${tile.n * width + k})` : `at hash ${k}`;
  fail(`${path} differs from the tile recomputed from the entries, first ${where}`);
}

function hashAt(hashes: Uint8Array, k: number): Uint8Array {
  return hashes.subarray(k * hashSize, (k + 1) * hashSize);
}
