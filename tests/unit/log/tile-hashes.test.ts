import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

import { appendLeaves, emptyEdge } from '../../../shared/log/edge.ts';
import { leafHash, nodeHash, toHex, type Hash } from '../../../shared/log/hash.ts';
import { consistencyProof, inclusionProof, memoryHashes, treeRoot } from '../../../shared/log/proof.ts';
import { createTileHashReader, treeHashFromTiles, type ReadTile } from '../../../shared/log/tile-hashes.ts';
import { tilePath } from '../../../shared/log/tile-path.ts';

function leaves(count: number): Hash[] {
  return Array.from({ length: count }, (_, i) => {
    const entry = new Uint8Array(4);
    new DataView(entry.buffer).setUint32(0, i);
    return leafHash(entry);
  });
}

/** Appends the leaves in the given chunks and keeps every tile written, as a tile store would. */
function storeTiles(all: readonly Hash[], cuts: readonly number[] = []): Map<string, Uint8Array> {
  const store = new Map<string, Uint8Array>();
  let edge = emptyEdge();
  for (const end of [...[...new Set(cuts)].sort((a, b) => a - b), all.length]) {
    if (end < edge.size) continue;
    const result = appendLeaves(edge, all.slice(edge.size, end));
    for (const tile of result.tiles) store.set(tilePath(tile.level, tile.n, tile.width), tile.hashes);
    edge = result.edge;
  }
  return store;
}

function reading(store: Map<string, Uint8Array>): ReadTile {
  return async (path) => {
    const tile = store.get(path);
    if (!tile) throw new Error(`no tile at ${path}`);
    return tile;
  };
}

/** A perfect subtree within the first `size` leaves. */
function subtreeWithin(size: number) {
  const maxHeight = Math.floor(Math.log2(size));
  return fc
    .integer({ min: 0, max: maxHeight })
    .chain((height) => fc.tuple(fc.constant(height), fc.integer({ min: 0, max: Math.floor(size / 2 ** height) - 1 })));
}

const all = leaves(70_000);
const tree = memoryHashes(all);

/** The root of the first `size` leaves, folded from the in-memory tree's perfect subtrees. */
function memoryRoot(size: number): Hash {
  const subtrees: Hash[] = [];
  for (let height = 16, start = 0; height >= 0; height--) {
    if (Math.floor(size / 2 ** height) % 2 === 1) {
      subtrees.push(tree.subtreeHash(height, start / 2 ** height));
      start += 2 ** height;
    }
  }
  return subtrees.reduceRight((right, left) => nodeHash(left, right));
}
const store = storeTiles(all, [1, 255, 256, 300, 511, 4_097, 65_536, 65_537, 69_999]);

describe('createTileHashReader', () => {
  it('reads the same subtree hashes as the in-memory tree, for the final size', async () => {
    const reader = createTileHashReader(all.length, reading(store));
    await fc.assert(
      fc.asyncProperty(subtreeWithin(all.length), async ([height, index]) => {
        expect(toHex(await reader.subtreeHash(height, index))).toBe(toHex(tree.subtreeHash(height, index)));
      }),
      { numRuns: 300 },
    );
  });

  it('reads the partial tiles of an earlier size that the store still holds', async () => {
    for (const size of [1, 255, 256, 300, 511, 4_097, 65_536, 65_537, 69_999]) {
      const reader = createTileHashReader(size, reading(store));
      await fc.assert(
        fc.asyncProperty(subtreeWithin(size), async ([height, index]) => {
          expect(toHex(await reader.subtreeHash(height, index))).toBe(toHex(tree.subtreeHash(height, index)));
        }),
        { numRuns: 40 },
      );
    }
  });

  it('agrees with the in-memory tree for random sizes and append batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3_000 }),
        fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 10 }),
        async (size, cuts, picks) => {
          // Prepare
          const some = all.slice(0, size);
          const reader = createTileHashReader(size, reading(storeTiles(some, cuts)));
          // Act / Assess
          for (const [a, b] of picks) {
            const height = a % (Math.floor(Math.log2(size)) + 1);
            const index = b % Math.floor(size / 2 ** height);
            expect(toHex(await reader.subtreeHash(height, index))).toBe(toHex(tree.subtreeHash(height, index)));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads the full tile once a size completes it, and the .p/<W> tile before', async () => {
    // Prepare
    const requested: string[] = [];
    const read: ReadTile = async (path) => {
      requested.push(path);
      return reading(store)(path);
    };
    // Act
    await createTileHashReader(300, read).subtreeHash(0, 5);
    await createTileHashReader(300, read).subtreeHash(0, 299);
    await createTileHashReader(300, read).subtreeHash(8, 0);
    await createTileHashReader(70_000, read).subtreeHash(16, 0);
    // Assess
    expect(requested).toEqual(['tile/0/000', 'tile/0/001.p/44', 'tile/1/000.p/1', 'tile/2/000.p/1']);
  });

  it('reads each tile once, however many subtrees it serves', async () => {
    const read = vi.fn(reading(store));
    const reader = createTileHashReader(all.length, read);

    await Promise.all([reader.subtreeHash(0, 0), reader.subtreeHash(3, 5), reader.subtreeHash(0, 255)]);
    await reader.subtreeHash(7, 1);

    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith('tile/0/000');
  });

  it('names the tile when its length is wrong', async () => {
    const short = new Map(store);
    short.set('tile/0/001.p/44', new Uint8Array(43 * 32));

    const reader = createTileHashReader(300, reading(short));

    await expect(reader.subtreeHash(0, 299)).rejects.toThrow(/tile\/0\/001\.p\/44/);
  });

  it('passes on a missing tile as a rejection, and reads it again next time', async () => {
    const sparse = new Map<string, Uint8Array>();
    const reader = createTileHashReader(300, reading(sparse));
    await expect(reader.subtreeHash(0, 0)).rejects.toThrow(/no tile at tile\/0\/000/);

    sparse.set('tile/0/000', store.get('tile/0/000')!);

    expect(toHex(await reader.subtreeHash(0, 0))).toBe(toHex(all[0]!));
  });

  it('rejects a read that throws synchronously', async () => {
    const reader = createTileHashReader(300, () => {
      throw new Error('disk on fire');
    });

    await expect(reader.subtreeHash(0, 0)).rejects.toThrow('disk on fire');
  });

  it.each([
    [0, 300],
    [1, 150],
    [9, 0],
    [-1, 0],
    [0, -1],
    [0.5, 0],
  ])('refuses subtree %d/%d, which is not within a tree of size 300', async (height, index) => {
    const reader = createTileHashReader(300, reading(store));

    await expect(reader.subtreeHash(height, index)).rejects.toThrow(RangeError);
  });

  it('serves proofs identical to those from the in-memory tree', async () => {
    const size = 69_999;
    const reader = createTileHashReader(size, reading(store));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 1, max: size }), async (index, m) => {
        expect((await inclusionProof(index, size, reader)).map(toHex)).toEqual(
          (await inclusionProof(index, size, tree)).map(toHex),
        );
        expect((await consistencyProof(m, size, reader)).map(toHex)).toEqual(
          (await consistencyProof(m, size, tree)).map(toHex),
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('treeHashFromTiles', () => {
  it('agrees with treeRoot', async () => {
    const some = all.slice(0, 1_000);

    const root = await treeHashFromTiles(some.length, reading(storeTiles(some)));

    expect(toHex(root)).toBe(toHex(treeRoot(some)));
  });

  it('gives the RFC 6962 root for the sizes whose tiles are stored', async () => {
    for (const size of [1, 255, 256, 300, 511, 4_097, 65_536, 65_537, 69_999, 70_000]) {
      expect(toHex(await treeHashFromTiles(size, reading(store))), `size ${size}`).toBe(toHex(memoryRoot(size)));
    }
  });

  it('gives the empty root for the empty tree without reading anything', async () => {
    const read = vi.fn(reading(store));

    const root = await treeHashFromTiles(0, read);

    expect(toHex(root)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(read).not.toHaveBeenCalled();
  });

  it('fails when the partial tile of that size is missing', async () => {
    await expect(treeHashFromTiles(301, reading(store))).rejects.toThrow(/no tile at tile\/0\/001\.p\/45/);
  });
});
