import { emptyRoot, type Hash, hashSize, nodeHash, perfectTreeHash, perfectTreeHashInto } from './hash.ts';
import { tileWidth } from './tile-path.ts';

/**
 * The right edge of a tiled log (C2SP tlog-tiles, tile height 8): everything needed to append leaves,
 * write the tiles they touch and compute the tree's root, without reading any tile back.
 *
 * With M = floor(size / 256^L), `levels[L]` is the concatenation of the hashes at tree height 8L with
 * indexes [floor(M / 256) * 256, M) — the content of level L's partial tile, so `levels[L].length / 32
 * === M % 256`. The levels stop at the first L where M < 256: the top level holds all of its M
 * hashes. An empty tree has no levels. Treat the bytes as immutable.
 */
export interface Edge {
  readonly size: number;
  readonly levels: readonly Uint8Array[];
}

/** A hash tile's content: `width` (1‥256) hashes of tile `n` at `level`, concatenated. */
export interface TileData {
  readonly level: number;
  readonly n: number;
  readonly width: number;
  readonly hashes: Uint8Array;
}

const tileBytes = tileWidth * hashSize;

export function emptyEdge(): Edge {
  return { size: 0, levels: [] };
}

export function edgeSize(edge: Edge): number {
  return edge.size;
}

/** The number of hashes in each level of the edge of a tree of `size` leaves. */
function levelWidths(size: number): number[] {
  const widths: number[] = [];
  let m = size;
  while (m > 0) {
    if (m < tileWidth) {
      widths.push(m);
      break;
    }
    widths.push(m % tileWidth);
    m = Math.floor(m / tileWidth);
  }
  return widths;
}

function checkEdge(edge: Edge): void {
  if (!Number.isSafeInteger(edge.size) || edge.size < 0) throw new RangeError(`invalid edge size ${edge.size}`);
  const widths = levelWidths(edge.size);
  if (edge.levels.length !== widths.length) {
    throw new RangeError(`edge of size ${edge.size} has ${edge.levels.length} levels, want ${widths.length}`);
  }
  widths.forEach((width, level) => {
    const hashes = edge.levels[level];
    if (!(hashes instanceof Uint8Array) || hashes.length !== width * hashSize) {
      throw new RangeError(`edge of size ${edge.size} has a malformed level ${level}`);
    }
  });
}

/**
 * Appends leaf hashes to the tree. Returns the new edge and every hash tile whose content changed, in
 * order of level then index: the tiles completed by the append (width 256) and, per level, the new
 * partial tile (when the level does not end on a tile boundary).
 */
export function appendLeaves(edge: Edge, leafHashes: readonly Hash[]): { edge: Edge; tiles: TileData[] } {
  checkEdge(edge);
  const count = leafHashes.length;
  if (count === 0) return { edge, tiles: [] };
  const size = edge.size + count;
  if (!Number.isSafeInteger(size)) throw new RangeError('tree size would exceed 2^53 - 1');

  // Level 0: the old partial tile followed by the new leaf hashes, in one buffer.
  const first = edge.levels[0] ?? new Uint8Array(0);
  let hashes = new Uint8Array(first.length + count * hashSize);
  hashes.set(first, 0);
  for (let i = 0; i < count; i++) {
    const leaf = leafHashes[i]!;
    if (!(leaf instanceof Uint8Array) || leaf.length !== hashSize) {
      throw new RangeError(`leaf hash ${i} is not a 32-byte array`);
    }
    hashes.set(leaf, first.length + i * hashSize);
  }

  const levels: Uint8Array[] = [];
  const tiles: TileData[] = [];
  let oldCount = edge.size; // M at this level, for the old size
  for (let level = 0; ; level++) {
    // `hashes` holds this level's hashes from index floor(oldCount / 256) * 256 onwards.
    const firstTile = Math.floor(oldCount / tileWidth);
    const total = hashes.length / hashSize;
    const full = Math.floor(total / tileWidth);
    const rest = total % tileWidth;

    const above = edge.levels[level + 1] ?? new Uint8Array(0);
    const parents = full > 0 ? new Uint8Array(above.length + full * hashSize) : undefined;
    parents?.set(above, 0);
    for (let t = 0; t < full; t++) {
      tiles.push({
        level,
        n: firstTile + t,
        width: tileWidth,
        hashes: hashes.subarray(t * tileBytes, (t + 1) * tileBytes),
      });
      perfectTreeHashInto(hashes, t * tileBytes, tileWidth, parents!, above.length + t * hashSize);
    }
    // Without a full tile `hashes` is exactly the new partial tile; otherwise copy the (short) rest so
    // that the edge does not keep the whole append's buffer alive.
    const partial = full === 0 ? hashes : hashes.slice(full * tileBytes);
    if (rest > 0) tiles.push({ level, n: firstTile + full, width: rest, hashes: partial });
    levels.push(partial);

    if (!parents) {
      // Nothing reached the level above: it and every level beyond are unchanged.
      levels.push(...edge.levels.slice(level + 1));
      break;
    }
    hashes = parents;
    oldCount = Math.floor(oldCount / tileWidth);
  }
  return { edge: { size, levels }, tiles };
}

/** The current partial tiles of the edge (one per level whose width is not zero), in level order. */
export function partialTiles(edge: Edge): TileData[] {
  checkEdge(edge);
  const tiles: TileData[] = [];
  let m = edge.size;
  edge.levels.forEach((hashes, level) => {
    const width = hashes.length / hashSize;
    if (width > 0) tiles.push({ level, n: Math.floor(m / tileWidth), width, hashes });
    m = Math.floor(m / tileWidth);
  });
  return tiles;
}

/**
 * The RFC 6962 root of the tree, from the edge alone: each set bit r of a level's width is a perfect
 * subtree of 2^r hashes of that level's partial tile (height 8L + r), and the root folds those
 * subtrees from the right.
 */
export function edgeRoot(edge: Edge): Hash {
  checkEdge(edge);
  let root: Hash | undefined;
  for (const hashes of edge.levels) {
    const width = hashes.length / hashSize;
    for (let r = 0; r < 8; r++) {
      if (((width >> r) & 1) === 0) continue;
      const start = ((width >> r) << r) - (1 << r);
      const subtree = perfectTreeHash(hashes, start * hashSize, 1 << r);
      root = root ? nodeHash(subtree, root) : subtree;
    }
  }
  return root ?? emptyRoot.slice();
}

const edgeVersion = 1;
const headerLength = 9; // version byte, then the size as a big-endian uint64

/** Compact bytes: version 1, the size (uint64 big-endian), then every level's hashes in order. */
export function encodeEdge(edge: Edge): Uint8Array {
  checkEdge(edge);
  const length = edge.levels.reduce((sum, hashes) => sum + hashes.length, headerLength);
  const bytes = new Uint8Array(length);
  bytes[0] = edgeVersion;
  const view = new DataView(bytes.buffer);
  view.setUint32(1, Math.floor(edge.size / 0x100000000));
  view.setUint32(5, edge.size >>> 0);
  let offset = headerLength;
  for (const hashes of edge.levels) {
    bytes.set(hashes, offset);
    offset += hashes.length;
  }
  return bytes;
}

/** Decodes `encodeEdge` bytes; throws an Error on an unknown version, a bad size or a wrong length. */
export function decodeEdge(bytes: Uint8Array): Edge {
  if (!(bytes instanceof Uint8Array) || bytes.length < headerLength) throw new Error('malformed edge: too short');
  if (bytes[0] !== edgeVersion) throw new Error(`malformed edge: unknown version ${bytes[0]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const high = view.getUint32(1);
  if (high > 0x1fffff) throw new Error('malformed edge: size exceeds 2^53 - 1');
  const size = high * 0x100000000 + view.getUint32(5);
  const widths = levelWidths(size);
  const expected = widths.reduce((sum, width) => sum + width * hashSize, headerLength);
  if (bytes.length !== expected) {
    throw new Error(`malformed edge: ${bytes.length} bytes for size ${size}, want ${expected}`);
  }
  const levels: Uint8Array[] = [];
  let offset = headerLength;
  for (const width of widths) {
    levels.push(bytes.slice(offset, offset + width * hashSize));
    offset += width * hashSize;
  }
  return { size, levels };
}
