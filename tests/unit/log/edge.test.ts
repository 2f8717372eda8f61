import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  appendLeaves,
  decodeEdge,
  edgeRoot,
  edgeSize,
  emptyEdge,
  encodeEdge,
  partialTiles,
  type Edge,
  type TileData,
} from '../../../shared/log/edge.ts';
import { emptyRoot, fromHex, hashesEqual, leafHash, toHex, type Hash } from '../../../shared/log/hash.ts';
import { memoryHashes, treeRoot } from '../../../shared/log/proof.ts';

const ctEntries = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(fromHex);
const ctRoots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** Leaf hashes of the entries 0, 1, 2, … as 4-byte big-endian integers. */
function leaves(count: number, from = 0): Hash[] {
  return Array.from({ length: count }, (_, i) => {
    const entry = new Uint8Array(4);
    new DataView(entry.buffer).setUint32(0, from + i);
    return leafHash(entry);
  });
}

/** The C2SP example tree: 70,000 leaves. */
const big = leaves(70_000);

const shape = (tiles: readonly TileData[]) => tiles.map(({ level, n, width }) => `${level}/${n}/${width}`);
const levelWidths = (edge: Edge) => edge.levels.map((hashes) => hashes.length / 32);

/** The hashes at height 8L of an in-memory tree, concatenated, per level L. */
function levelHashes(all: readonly Hash[]): Uint8Array[] {
  const tree = memoryHashes(all);
  const levels: Uint8Array[] = [];
  for (let level = 0, count = all.length; count > 0; level++, count = Math.floor(count / 256)) {
    const hashes = new Uint8Array(count * 32);
    for (let i = 0; i < count; i++) hashes.set(tree.subtreeHash(8 * level, i), i * 32);
    levels.push(hashes);
  }
  return levels;
}

/** Whether a tile holds what tile n at its level holds in a tree of `size` leaves. */
function isExpectedTile(levels: readonly Uint8Array[], size: number, tile: TileData): boolean {
  const available = Math.floor(size / 256 ** tile.level);
  const width = Math.min(256, available - tile.n * 256);
  const expected = levels[tile.level]?.subarray(tile.n * 256 * 32, (tile.n * 256 + width) * 32);
  return tile.width === width && expected !== undefined && hashesEqual(tile.hashes, expected);
}

/** Appends in chunks, recording every tile write (later writes of the same tile replace earlier ones). */
function appendInChunks(all: readonly Hash[], cuts: readonly number[]) {
  const points = [...new Set(cuts.map((cut) => Math.min(cut, all.length)))].sort((a, b) => a - b);
  let edge = emptyEdge();
  const written = new Map<string, Uint8Array>();
  const perAppend: { edge: Edge; tiles: TileData[] }[] = [];
  let start = 0;
  for (const end of [...points, all.length]) {
    const result = appendLeaves(edge, all.slice(start, end));
    for (const tile of result.tiles) written.set(`${tile.level}/${tile.n}`, tile.hashes);
    perAppend.push(result);
    edge = result.edge;
    start = end;
  }
  return { edge, written, perAppend };
}

describe('emptyEdge', () => {
  it('is the empty tree, with no levels and the empty root', () => {
    const edge = emptyEdge();

    expect(edge).toEqual({ size: 0, levels: [] });
    expect(edgeSize(edge)).toBe(0);
    expect(toHex(edgeRoot(edge))).toBe(toHex(emptyRoot));
  });
});

describe('appendLeaves', () => {
  it('gives the RFC 6962 roots of the CT test vector trees of sizes 1 to 8', () => {
    let edge = emptyEdge();
    for (const [i, entry] of ctEntries.entries()) {
      edge = appendLeaves(edge, [leafHash(entry)]).edge;
      expect(toHex(edgeRoot(edge)), `size ${i + 1}`).toBe(ctRoots[i]);
    }
  });

  it('writes the tiles of the C2SP example tree of size 70,000', () => {
    // Act
    const { edge, tiles } = appendLeaves(emptyEdge(), big);
    // Assess: 273 full level 0 tiles, a partial of width 112, a full level 1 tile, a partial of
    // width 17 and a partial level 2 tile of width 1.
    expect(shape(tiles)).toEqual([
      ...Array.from({ length: 273 }, (_, n) => `0/${n}/256`),
      '0/273/112',
      '1/0/256',
      '1/1/17',
      '2/0/1',
    ]);
    expect(levelWidths(edge)).toEqual([112, 17, 1]);
  });

  it('represents a tree of size 256 by a full level 0 tile and a level 1 tile of width 1', () => {
    const { edge, tiles } = appendLeaves(emptyEdge(), leaves(256));

    expect(shape(tiles)).toEqual(['0/0/256', '1/0/1']);
    expect(levelWidths(edge)).toEqual([0, 1]);
  });

  it('keeps all hashes of the top level while it has fewer than 256', () => {
    const { edge } = appendLeaves(emptyEdge(), leaves(255));

    expect(levelWidths(edge)).toEqual([255]);
  });

  it('writes only the tiles an append changes', () => {
    // Prepare: 300 leaves = full tile 0/0, partial 0/1 of width 44, partial 1/0 of width 1.
    const { edge } = appendLeaves(emptyEdge(), leaves(300));
    // Act
    const { tiles } = appendLeaves(edge, leaves(10, 300));
    // Assess: level 1 did not change, so it is not rewritten.
    expect(shape(tiles)).toEqual(['0/1/54']);
  });

  it('writes nothing and keeps the edge when appending no leaves', () => {
    const { edge } = appendLeaves(emptyEdge(), leaves(300));

    const result = appendLeaves(edge, []);

    expect(result.tiles).toEqual([]);
    expect(result.edge).toBe(edge);
  });

  it('agrees with the in-memory tree on every tile and on the root', () => {
    const levels = levelHashes(big);

    const { edge, tiles } = appendLeaves(emptyEdge(), big);

    for (const tile of tiles) {
      expect(isExpectedTile(levels, big.length, tile), `tile ${tile.level}/${tile.n}`).toBe(true);
    }
    expect(toHex(edgeRoot(edge))).toBe(toHex(treeRoot(big)));
  });

  it('gives the same edge, tiles and root however the leaves are split into appends', () => {
    const all = leaves(1_400);
    const levels = levelHashes(all);
    const once = appendLeaves(emptyEdge(), all);
    const onceTiles = new Map(once.tiles.map((tile) => [`${tile.level}/${tile.n}`, tile.hashes]));
    const root = toHex(treeRoot(all));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: all.length }), { maxLength: 12 }), (cuts) => {
        // Act
        const { edge, written, perAppend } = appendInChunks(all, cuts);
        // Assess: the final state is the one-shot state.
        expect(encodeEdge(edge)).toEqual(encodeEdge(once.edge));
        expect([...written.keys()].sort()).toEqual([...onceTiles.keys()].sort());
        for (const [key, hashes] of written) expect(hashesEqual(hashes, onceTiles.get(key)!), key).toBe(true);
        expect(toHex(edgeRoot(edge))).toBe(root);
        // …and each append wrote exactly the tiles of its new size, with the right content.
        for (const { edge: after, tiles } of perAppend) {
          for (const tile of tiles) expect(isExpectedTile(levels, after.size, tile)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives the root of the in-memory tree for every size', () => {
    const all = leaves(600);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length }), fc.integer({ min: 0, max: all.length }), (a, b) => {
        const [first, size] = a <= b ? [a, b] : [b, a];
        const { edge } = appendLeaves(appendLeaves(emptyEdge(), all.slice(0, first)).edge, all.slice(first, size));
        return toHex(edgeRoot(edge)) === toHex(treeRoot(all.slice(0, size)));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a leaf hash that is not 32 bytes', () => {
    expect(() => appendLeaves(emptyEdge(), [new Uint8Array(31)])).toThrow(RangeError);
  });

  it('rejects an edge whose levels do not match its size', () => {
    const { edge } = appendLeaves(emptyEdge(), leaves(3));
    const broken: Edge = { size: 4, levels: edge.levels };

    expect(() => appendLeaves(broken, leaves(1))).toThrow(RangeError);
    expect(() => edgeRoot(broken)).toThrow(RangeError);
  });

  it('leaves the edge it was given unchanged', () => {
    const { edge } = appendLeaves(emptyEdge(), leaves(300));
    const before = encodeEdge(edge);

    appendLeaves(edge, leaves(500, 300));

    expect(encodeEdge(edge)).toEqual(before);
  });
});

describe('partialTiles', () => {
  it('lists the current partial tile of every level that has one', () => {
    const { edge, tiles } = appendLeaves(emptyEdge(), big);

    const partial = partialTiles(edge);

    expect(shape(partial)).toEqual(['0/273/112', '1/1/17', '2/0/1']);
    expect(partial.map((tile) => toHex(tile.hashes))).toEqual(
      tiles.filter((tile) => tile.width < 256).map((tile) => toHex(tile.hashes)),
    );
  });
});

describe('encodeEdge / decodeEdge', () => {
  it('round-trips edges of any size', () => {
    let edge = emptyEdge();
    for (const size of [0, 1, 255, 256, 257, 65_536, 70_000]) {
      edge = appendLeaves(edge, big.slice(edge.size, size)).edge;
      const decoded = decodeEdge(encodeEdge(edge));
      expect(decoded.size).toBe(size);
      expect(decoded.levels.map(toHex)).toEqual(edge.levels.map(toHex));
    }
  });

  it('is compact: a version byte, 8 bytes of size and the edge hashes', () => {
    const { edge } = appendLeaves(emptyEdge(), big);

    expect(encodeEdge(edge)).toHaveLength(9 + (112 + 17 + 1) * 32);
  });

  it('decodes from a view into a larger buffer', () => {
    const { edge } = appendLeaves(emptyEdge(), leaves(300));
    const bytes = encodeEdge(edge);
    const padded = new Uint8Array(bytes.length + 10);
    padded.set(bytes, 5);

    expect(encodeEdge(decodeEdge(padded.subarray(5, 5 + bytes.length)))).toEqual(bytes);
  });

  it.each([
    ['empty bytes', () => new Uint8Array(0)],
    ['a truncated header', () => Uint8Array.of(1, 0, 0, 0)],
    ['an unknown version', () => Uint8Array.of(2, 0, 0, 0, 0, 0, 0, 0, 0)],
    ['missing hashes', () => Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0, 1)],
    ['extra bytes', () => Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0, 0, 7)],
    ['a size above 2^53 - 1', () => Uint8Array.of(1, 0, 0x20, 0, 0, 0, 0, 0, 0)],
  ])('rejects %s', (_, bytes) => {
    expect(() => decodeEdge(bytes())).toThrow(Error);
  });

  it('rejects a hash level cut short', () => {
    const { edge } = appendLeaves(emptyEdge(), leaves(300));
    const bytes = encodeEdge(edge);

    expect(() => decodeEdge(bytes.subarray(0, bytes.length - 1))).toThrow(/malformed edge/);
  });
});
