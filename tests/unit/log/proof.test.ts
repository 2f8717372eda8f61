import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { emptyRoot, fromHex, leafHash, nodeHash, toHex, type Hash } from '../../../shared/log/hash.ts';
import {
  consistencyProof,
  inclusionProof,
  memoryHashes,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../../shared/log/proof.ts';

// The RFC 6962 test tree of certificate-transparency / transparency-dev (testonly/constants.go).
const ctLeaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f']
  .map(fromHex)
  .map(leafHash);
const ctRoots = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const ctRoot = (size: number) => fromHex(ctRoots[size]!);

// Inclusion and consistency vectors of transparency-dev/merkle proof/verify_test.go (0-based indexes here).
const ctInclusion: [index: number, size: number, proof: string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
const ctConsistency: [m: number, n: number, proof: string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

function leaves(count: number): Hash[] {
  return Array.from({ length: count }, (_, i) => leafHash(Uint8Array.of(i >> 8, i & 255, 7)));
}

const largestPowerOfTwoBelow = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), written straight from the definition over the leaf list. */
function referencePath(m: number, d: readonly Hash[]): Hash[] {
  if (d.length === 1) return [];
  const k = largestPowerOfTwoBelow(d.length);
  return m < k
    ? [...referencePath(m, d.slice(0, k)), treeRoot(d.slice(k))]
    : [...referencePath(m - k, d.slice(k)), treeRoot(d.slice(0, k))];
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], b), from the definition. */
function referenceSubproof(m: number, d: readonly Hash[], b: boolean): Hash[] {
  if (m === d.length) return b ? [] : [treeRoot(d)];
  const k = largestPowerOfTwoBelow(d.length);
  return m <= k
    ? [...referenceSubproof(m, d.slice(0, k), b), treeRoot(d.slice(k))]
    : [...referenceSubproof(m - k, d.slice(k), false), treeRoot(d.slice(0, k))];
}

const flipBit = (hash: Hash, bit: number): Hash => {
  const copy = hash.slice();
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
};

/** A tree size and a leaf index in it. */
const leafInTree = fc
  .integer({ min: 1, max: 300 })
  .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })));

/** Sizes 1 ≤ m ≤ n. */
const twoSizes = fc
  .integer({ min: 1, max: 300 })
  .chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));

const pool = leaves(300);
const poolTree = memoryHashes(pool);
const roots = new Map<number, Hash>();
const rootOf = (size: number) => {
  let root = roots.get(size);
  if (!root) roots.set(size, (root = treeRoot(pool.slice(0, size))));
  return root;
};

describe('treeRoot', () => {
  it('gives the RFC 6962 roots of the CT test vector trees of sizes 0 to 8', () => {
    for (let size = 0; size <= 8; size++) {
      expect(toHex(treeRoot(ctLeaves.slice(0, size))), `size ${size}`).toBe(ctRoots[size]);
    }
  });

  it('splits at the largest power of two below the size, not at the midpoint', () => {
    const six = leaves(6);

    const root = treeRoot(six);

    expect(toHex(root)).toBe(toHex(nodeHash(treeRoot(six.slice(0, 4)), treeRoot(six.slice(4)))));
    expect(toHex(root)).not.toBe(toHex(nodeHash(treeRoot(six.slice(0, 3)), treeRoot(six.slice(3)))));
  });
});

describe('memoryHashes', () => {
  it('holds the perfect subtrees of the CT test tree', () => {
    const tree = memoryHashes(ctLeaves);

    expect(toHex(tree.subtreeHash(1, 2))).toBe('0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a');
    expect(toHex(tree.subtreeHash(3, 0))).toBe(ctRoots[8]);
  });

  it('refuses a subtree outside the tree', () => {
    const tree = memoryHashes(ctLeaves.slice(0, 7));

    expect(() => tree.subtreeHash(1, 3)).toThrow(RangeError);
    expect(() => tree.subtreeHash(3, 0)).toThrow(RangeError);
  });
});

describe('inclusionProof', () => {
  it.each(ctInclusion)(
    'gives the published proof of leaf %d in the CT tree of size %d',
    async (index, size, expected) => {
      // Act
      const proof = await inclusionProof(index, size, memoryHashes(ctLeaves.slice(0, size)));
      // Assess
      expect(proof.map(toHex)).toEqual(expected);
      expect(verifyInclusion(index, size, ctLeaves[index]!, proof, ctRoot(size))).toBe(true);
    },
  );

  it('lists the same hashes as RFC 9162 PATH, bottom-up', async () => {
    await fc.assert(
      fc.asyncProperty(leafInTree, async ([size, index]) => {
        const proof = await inclusionProof(index, size, poolTree);
        expect(proof.map(toHex)).toEqual(referencePath(index, pool.slice(0, size)).map(toHex));
      }),
      { numRuns: 150 },
    );
  });

  it('reads subtree hashes that arrive asynchronously', async () => {
    const tree = memoryHashes(ctLeaves);
    const later = { subtreeHash: async (height: number, index: number) => tree.subtreeHash(height, index) };

    const proof = await inclusionProof(5, 8, later);

    expect(proof.map(toHex)).toEqual(ctInclusion[2]![2]);
  });

  it.each([
    [0, 0],
    [3, 3],
    [-1, 3],
    [0.5, 3],
  ])('refuses leaf %d of a tree of size %d', async (index, size) => {
    await expect(inclusionProof(index, size, poolTree)).rejects.toThrow(RangeError);
  });

  it('refuses a subtree hash that is not 32 bytes', async () => {
    const broken = { subtreeHash: () => new Uint8Array(31) };

    await expect(inclusionProof(0, 2, broken)).rejects.toThrow(/not a 32-byte array/);
  });
});

describe('verifyInclusion', () => {
  it('accepts every proof of every leaf in trees up to 300 leaves', async () => {
    await fc.assert(
      fc.asyncProperty(leafInTree, async ([size, index]) => {
        const proof = await inclusionProof(index, size, poolTree);
        return verifyInclusion(index, size, pool[index]!, proof, rootOf(size));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a proof with any one bit of the leaf, the root or a proof hash changed', async () => {
    await fc.assert(
      fc.asyncProperty(leafInTree, fc.nat(), fc.integer({ min: 0, max: 255 }), async ([size, index], pick, bit) => {
        const proof = await inclusionProof(index, size, poolTree);
        const root = rootOf(size);
        const target = pick % (proof.length + 2);
        const leaf = target === 0 ? flipBit(pool[index]!, bit) : pool[index]!;
        const changedRoot = target === 1 ? flipBit(root, bit) : root;
        const changedProof = proof.map((hash, i) => (i === target - 2 ? flipBit(hash, bit) : hash));
        return !verifyInclusion(index, size, leaf, changedProof, changedRoot);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects the proof for another leaf index, or with a hash added or removed', async () => {
    await fc.assert(
      fc.asyncProperty(leafInTree, fc.integer({ min: 1, max: 299 }), async ([size, index], shift) => {
        const proof = await inclusionProof(index, size, poolTree);
        const root = rootOf(size);
        const otherIndex = (index + shift) % size;
        if (otherIndex !== index) expect(verifyInclusion(otherIndex, size, pool[index]!, proof, root)).toBe(false);
        expect(verifyInclusion(index, size, pool[index]!, [...proof, root], root)).toBe(false);
        expect(verifyInclusion(index, size, pool[index]!, [root, ...proof], root)).toBe(false);
        if (proof.length > 0) expect(verifyInclusion(index, size, pool[index]!, proof.slice(1), root)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('rejects the CT proofs for the wrong index or size', () => {
    // As transparency-dev/merkle's corruptInclusionProof: index ± 1, index ^ 2, size * 2, size / 2.
    for (const [index, size, hexProof] of ctInclusion) {
      const proof = hexProof.map(fromHex);
      for (const [i, n] of [
        [index - 1, size],
        [index + 1, size],
        [index ^ 2, size],
        [index, size * 2],
        [index, Math.floor(size / 2)],
      ] as const) {
        expect(verifyInclusion(i, n, ctLeaves[index]!, proof, ctRoot(size)), `${i} in ${n}`).toBe(false);
      }
    }
  });

  it('returns false, never throws, on malformed input', () => {
    const leaf = ctLeaves[0]!;
    const root = ctRoot(1);
    const cases: [number, number, unknown, unknown, unknown][] = [
      [0, 0, leaf, [], root],
      [1, 1, leaf, [], root],
      [-1, 1, leaf, [], root],
      [Number.NaN, 1, leaf, [], root],
      [0, Number.POSITIVE_INFINITY, leaf, [], root],
      [0, 1, leaf.subarray(0, 31), [], root],
      [0, 1, leaf, [], root.subarray(1)],
      [0, 1, leaf, undefined, root],
      [0, 2, leaf, [new Uint8Array(31)], root],
      [0, 2, leaf, ['not a hash'], root],
      [0, 1, 'leaf', [], root],
    ];
    for (const [index, size, leafHash, proof, treeRoot] of cases) {
      expect(verifyInclusion(index, size, leafHash as Hash, proof as Hash[], treeRoot as Hash)).toBe(false);
    }
  });
});

describe('consistencyProof', () => {
  it.each(ctConsistency)('gives the published proof from size %d to %d of the CT tree', async (m, n, expected) => {
    // Act
    const proof = await consistencyProof(m, n, memoryHashes(ctLeaves.slice(0, n)));
    // Assess
    expect(proof.map(toHex)).toEqual(expected);
    expect(verifyConsistency(m, n, proof, ctRoot(m), ctRoot(n))).toBe(true);
  });

  it('lists the same hashes as RFC 9162 SUBPROOF', async () => {
    await fc.assert(
      fc.asyncProperty(twoSizes, async ([m, n]) => {
        const proof = await consistencyProof(m, n, poolTree);
        expect(proof.map(toHex)).toEqual(referenceSubproof(m, pool.slice(0, n), true).map(toHex));
      }),
      { numRuns: 150 },
    );
  });

  it('is empty from the empty tree and between equal sizes', async () => {
    expect(await consistencyProof(0, 5, poolTree)).toEqual([]);
    expect(await consistencyProof(5, 5, poolTree)).toEqual([]);
  });

  it('refuses an old size above the new one', async () => {
    await expect(consistencyProof(6, 5, poolTree)).rejects.toThrow(RangeError);
  });
});

describe('verifyConsistency', () => {
  it('accepts every proof between trees up to 300 leaves', async () => {
    await fc.assert(
      fc.asyncProperty(twoSizes, async ([m, n]) => {
        const proof = await consistencyProof(m, n, poolTree);
        return verifyConsistency(m, n, proof, rootOf(m), rootOf(n));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a proof with any one bit of either root or a proof hash changed', async () => {
    await fc.assert(
      fc.asyncProperty(twoSizes, fc.nat(), fc.integer({ min: 0, max: 255 }), async ([m, n], pick, bit) => {
        const proof = await consistencyProof(m, n, poolTree);
        const target = pick % (proof.length + 2);
        const oldRoot = target === 0 ? flipBit(rootOf(m), bit) : rootOf(m);
        const newRoot = target === 1 ? flipBit(rootOf(n), bit) : rootOf(n);
        const changedProof = proof.map((hash, i) => (i === target - 2 ? flipBit(hash, bit) : hash));
        return !verifyConsistency(m, n, changedProof, oldRoot, newRoot);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a proof with a hash added or removed, or with the roots swapped', async () => {
    await fc.assert(
      fc.asyncProperty(twoSizes, async ([m, n]) => {
        fc.pre(m < n);
        const proof = await consistencyProof(m, n, poolTree);
        expect(verifyConsistency(m, n, [...proof, rootOf(n)], rootOf(m), rootOf(n))).toBe(false);
        expect(verifyConsistency(m, n, [rootOf(m), ...proof], rootOf(m), rootOf(n))).toBe(false);
        expect(verifyConsistency(m, n, proof.slice(0, -1), rootOf(m), rootOf(n))).toBe(false);
        expect(verifyConsistency(m, n, proof, rootOf(n), rootOf(m))).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('rejects the CT proofs for the wrong sizes', async () => {
    // As transparency-dev/merkle's corruptConsistencyProof: size1 ± 1, size1 ^ 2, size2 * 2, size2 / 2.
    for (const [m, n, hexProof] of ctConsistency.filter(([, , proof]) => proof.length > 0)) {
      const proof = hexProof.map(fromHex);
      for (const [m2, n2] of [
        [m - 1, n],
        [m + 1, n],
        [m ^ 2, n],
        [m, n * 2],
        [m, Math.floor(n / 2)],
      ] as const) {
        expect(verifyConsistency(m2, n2, proof, ctRoot(m), ctRoot(n)), `${m2} → ${n2}`).toBe(false);
      }
    }
  });

  it('accepts the empty tree as a prefix of any tree, with an empty proof', () => {
    expect(verifyConsistency(0, 5, [], emptyRoot, rootOf(5))).toBe(true);
    expect(verifyConsistency(0, 0, [], emptyRoot, emptyRoot)).toBe(true);
  });

  it('requires the empty tree to have the empty root', () => {
    expect(verifyConsistency(0, 5, [], rootOf(1), rootOf(5))).toBe(false);
    expect(verifyConsistency(0, 0, [], rootOf(1), rootOf(1))).toBe(false);
  });

  it('accepts equal sizes only with equal roots and no proof', () => {
    expect(verifyConsistency(4, 4, [], rootOf(4), rootOf(4))).toBe(true);
    expect(verifyConsistency(4, 4, [], rootOf(4), rootOf(5))).toBe(false);
    expect(verifyConsistency(4, 4, [rootOf(4)], rootOf(4), rootOf(4))).toBe(false);
  });

  it('rejects an empty proof between different sizes', () => {
    expect(verifyConsistency(1, 2, [], rootOf(1), rootOf(2))).toBe(false);
  });

  it('returns false, never throws, on malformed input', () => {
    const root = rootOf(2);
    const cases: [number, number, unknown, unknown, unknown][] = [
      [2, 1, [], root, root],
      [-1, 2, [], root, root],
      [1, Number.NaN, [], root, root],
      [1, 2, [new Uint8Array(5)], root, root],
      [1, 2, null, root, root],
      [1, 2, [root], 'root', root],
      [1, 2, [root], root, new Uint8Array(0)],
      [1, 2, [{}], root, root],
    ];
    for (const [m, n, proof, oldRoot, newRoot] of cases) {
      expect(verifyConsistency(m, n, proof as Hash[], oldRoot as Hash, newRoot as Hash)).toBe(false);
    }
  });
});
