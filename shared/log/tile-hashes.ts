import { emptyRoot, type Hash, hashSize, nodeHash, perfectTreeHash } from './hash.ts';
import { tilePath, tileWidth } from './tile-path.ts';

/** Reads a tile (or entry bundle) by its path relative to the log prefix; rejects or throws if missing. */
export type ReadTile = (path: string) => Promise<Uint8Array>;

/** Hashes of the perfect subtrees of a tree of `size` leaves, read from its tiles. */
export interface TileHashReader {
  readonly size: number;
  /** The hash of the 2^height leaves from index * 2^height, which must lie within [0, size). */
  subtreeHash(height: number, index: number): Promise<Hash>;
}

/** The largest height whose subtrees can fit in a tree of at most 2^53 - 1 leaves. */
const maxHeight = 52;

function checkSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`invalid tree size ${size}`);
}

/**
 * Reads subtree hashes for the tree of `size` leaves: the hash at height 8L + r is computed from 2^r
 * consecutive hashes of a level-L tile — the full tile when `size` completes it, otherwise the partial
 * tile `.p/<W>` of that size. Tiles are read once (concurrent requests share the read) and their
 * lengths checked; a failed read is not cached.
 */
export function createTileHashReader(size: number, readTile: ReadTile): TileHashReader {
  checkSize(size);
  const tiles = new Map<string, Promise<Uint8Array>>();

  function tile(level: number, n: number, width: number): Promise<Uint8Array> {
    const path = tilePath(level, n, width);
    let pending = tiles.get(path);
    if (!pending) {
      pending = Promise.resolve()
        .then(() => readTile(path))
        .then((bytes) => {
          if (!(bytes instanceof Uint8Array) || bytes.length !== width * hashSize) {
            const length = bytes instanceof Uint8Array ? `${bytes.length} bytes` : 'not bytes';
            throw new Error(`tile ${path} is malformed: ${length}, want ${width * hashSize} bytes`);
          }
          return bytes;
        });
      pending.catch(() => tiles.delete(path));
      tiles.set(path, pending);
    }
    return pending;
  }

  async function subtreeHash(height: number, index: number): Promise<Hash> {
    if (!Number.isInteger(height) || height < 0 || height > maxHeight || !Number.isSafeInteger(index) || index < 0) {
      throw new RangeError(`invalid subtree ${height}/${index}`);
    }
    if ((index + 1) * 2 ** height > size) {
      throw new RangeError(`subtree ${height}/${index} is not within a tree of size ${size}`);
    }
    const level = Math.floor(height / 8);
    const span = 2 ** (height % 8); // hashes of that level under the subtree
    const first = index * span;
    const n = Math.floor(first / tileWidth);
    const available = Math.floor(size / tileWidth ** level); // hashes that exist at this level
    const width = Math.min(tileWidth, available - n * tileWidth);
    const bytes = await tile(level, n, width);
    return perfectTreeHash(bytes, (first - n * tileWidth) * hashSize, span);
  }

  return { size, subtreeHash };
}

/** The heights of the perfect subtrees that make up a tree of `size` leaves, left to right. */
export function subtreeHeights(size: number): number[] {
  const heights: number[] = [];
  for (let height = maxHeight; height >= 0; height--) {
    if (Math.floor(size / 2 ** height) % 2 === 1) heights.push(height);
  }
  return heights;
}

/** The RFC 6962 root of the tree of `size` leaves, read from its tiles. */
export async function treeHashFromTiles(size: number, readTile: ReadTile): Promise<Hash> {
  checkSize(size);
  if (size === 0) return emptyRoot.slice();
  const reader = createTileHashReader(size, readTile);
  let start = 0;
  const parts = subtreeHeights(size).map((height) => {
    const hash = reader.subtreeHash(height, start / 2 ** height);
    start += 2 ** height;
    return hash;
  });
  const hashes = await Promise.all(parts);
  let root = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i]!, root);
  return root;
}
