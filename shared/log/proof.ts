import { emptyRoot, type Hash, hashesEqual, hashSize, nodeHash } from './hash.ts';

/**
 * RFC 9162 §2.1.3 inclusion and §2.1.4 consistency proofs. Proofs list the same hashes in the same
 * order as golang.org/x/mod/sumdb/tlog's ProveRecord and ProveTree (and RFC 9162's PATH and PROOF):
 * the sibling nearest the leaf first.
 */

/** Anything that knows the hash of the perfect subtree of 2^height leaves from leaf index * 2^height. */
export interface SubtreeHashes {
  subtreeHash(height: number, index: number): Hash | Promise<Hash>;
}

/** Leaves [lo, hi) of the tree: one node of the RFC 6962 recursion. */
type Range = readonly [lo: number, hi: number];

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`invalid ${name} ${value}`);
}

/** RFC 9162 PATH(m, D[lo:hi]) as the ranges whose hashes make up the proof, bottom-up. */
function inclusionRanges(lo: number, hi: number, index: number, out: Range[]): void {
  if (hi - lo === 1) return;
  const k = splitPoint(hi - lo);
  if (index < lo + k) {
    inclusionRanges(lo, lo + k, index, out);
    out.push([lo + k, hi]);
  } else {
    inclusionRanges(lo + k, hi, index, out);
    out.push([lo, lo + k]);
  }
}

/** RFC 9162 SUBPROOF(m, D[lo:hi], lo === 0) as ranges. */
function consistencyRanges(lo: number, hi: number, m: number, out: Range[]): void {
  if (m === hi) {
    if (lo !== 0) out.push([lo, hi]);
    return;
  }
  const k = splitPoint(hi - lo);
  if (m <= lo + k) {
    consistencyRanges(lo, lo + k, m, out);
    out.push([lo + k, hi]);
  } else {
    consistencyRanges(lo + k, hi, m, out);
    out.push([lo, lo + k]);
  }
}

async function checkedSubtreeHash(hashes: SubtreeHashes, height: number, index: number): Promise<Hash> {
  const hash = await hashes.subtreeHash(height, index);
  if (!(hash instanceof Uint8Array) || hash.length !== hashSize) {
    throw new Error(`subtree hash ${height}/${index} is not a 32-byte array`);
  }
  return hash;
}

/**
 * MTH(D[lo:hi]) for a range of the RFC 6962 recursion (lo is a multiple of a power of two at least
 * hi - lo): its perfect subtrees from the left, largest first, folded from the right.
 */
async function rangeHash(hashes: SubtreeHashes, [lo, hi]: Range): Promise<Hash> {
  const parts: Promise<Hash>[] = [];
  let start = lo;
  while (start < hi) {
    let height = 0;
    while (2 ** (height + 1) <= hi - start && start % 2 ** (height + 1) === 0) height++;
    parts.push(checkedSubtreeHash(hashes, height, start / 2 ** height));
    start += 2 ** height;
  }
  const subtrees = await Promise.all(parts);
  let hash = subtrees[subtrees.length - 1]!;
  for (let i = subtrees.length - 2; i >= 0; i--) hash = nodeHash(subtrees[i]!, hash);
  return hash;
}

/** The inclusion proof of leaf `index` in the tree of `size` leaves (Go's tlog.ProveRecord). */
export async function inclusionProof(index: number, size: number, hashes: SubtreeHashes): Promise<Hash[]> {
  checkCount(index, 'leaf index');
  checkCount(size, 'tree size');
  if (index >= size) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const ranges: Range[] = [];
  inclusionRanges(0, size, index, ranges);
  return Promise.all(ranges.map((range) => rangeHash(hashes, range)));
}

/**
 * The consistency proof that the tree of `m` leaves is a prefix of the tree of `n` (Go's
 * tlog.ProveTree). Empty when m is 0 or m equals n.
 */
export async function consistencyProof(m: number, n: number, hashes: SubtreeHashes): Promise<Hash[]> {
  checkCount(m, 'old tree size');
  checkCount(n, 'tree size');
  if (m > n) throw new RangeError(`a tree of size ${m} cannot be a prefix of one of size ${n}`);
  if (m === 0 || m === n) return [];
  const ranges: Range[] = [];
  consistencyRanges(0, n, m, ranges);
  return Promise.all(ranges.map((range) => rangeHash(hashes, range)));
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isHash(value: unknown): value is Hash {
  return value instanceof Uint8Array && value.length === hashSize;
}

function isProof(proof: unknown): proof is readonly Hash[] {
  return Array.isArray(proof) && proof.every(isHash);
}

const odd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/** RFC 9162 §2.1.3.2. Never throws: anything malformed is simply not a valid proof. */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Hash,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  try {
    if (!isCount(index) || !isCount(size) || !isHash(leafHash) || !isHash(root) || !isProof(proof)) return false;
    if (index >= size) return false;
    let fn = index;
    let sn = size - 1;
    let r = leafHash;
    for (const p of proof) {
      if (sn === 0) return false;
      if (odd(fn) || fn === sn) {
        r = nodeHash(p, r);
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      } else {
        r = nodeHash(r, p);
      }
      fn = half(fn);
      sn = half(sn);
    }
    return sn === 0 && hashesEqual(r, root);
  } catch {
    return false;
  }
}

/**
 * RFC 9162 §2.1.4.2: is the tree of `m` leaves with root `oldRoot` a prefix of the tree of `n` leaves
 * with root `newRoot`? Equal sizes need equal roots and an empty proof; the empty tree (whose root
 * must be SHA-256 of nothing) is a prefix of every tree. Never throws.
 */
export function verifyConsistency(m: number, n: number, proof: readonly Hash[], oldRoot: Hash, newRoot: Hash): boolean {
  try {
    if (!isCount(m) || !isCount(n) || !isHash(oldRoot) || !isHash(newRoot) || !isProof(proof)) return false;
    if (m > n) return false;
    if (m === n)
      return proof.length === 0 && hashesEqual(oldRoot, newRoot) && (m > 0 || hashesEqual(oldRoot, emptyRoot));
    if (m === 0) return proof.length === 0 && hashesEqual(oldRoot, emptyRoot);
    if (proof.length === 0) return false;
    // A power-of-two old tree is itself a node of the new tree, so its root starts the path.
    const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : proof;
    let fn = m - 1;
    let sn = n - 1;
    while (odd(fn)) {
      fn = half(fn);
      sn = half(sn);
    }
    let fr = path[0]!;
    let sr = path[0]!;
    for (const c of path.slice(1)) {
      if (sn === 0) return false;
      if (odd(fn) || fn === sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn = half(fn);
      sn = half(sn);
    }
    return hashesEqual(fr, oldRoot) && hashesEqual(sr, newRoot) && sn === 0;
  } catch {
    return false;
  }
}

function isPowerOfTwo(x: number): boolean {
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}

/** RFC 6962 MTH over the leaf hashes, straight from the recursive definition (a reference for tests). */
export function treeRoot(leafHashes: readonly Hash[]): Hash {
  for (const hash of leafHashes) if (!isHash(hash)) throw new RangeError('leaf hashes must be 32-byte arrays');
  if (leafHashes.length === 0) return emptyRoot.slice();
  const mth = (lo: number, hi: number): Hash => {
    if (hi - lo === 1) return leafHashes[lo]!;
    const k = splitPoint(hi - lo);
    return nodeHash(mth(lo, lo + k), mth(lo + k, hi));
  };
  return mth(0, leafHashes.length);
}

/** An in-memory tree: every perfect subtree hash, synchronously. */
export interface MemoryHashes extends SubtreeHashes {
  readonly size: number;
  subtreeHash(height: number, index: number): Hash;
}

/** Every perfect subtree hash of an in-memory tree; `subtreeHash` throws a RangeError outside it. */
export function memoryHashes(leafHashes: readonly Hash[]): MemoryHashes {
  for (const hash of leafHashes) if (!isHash(hash)) throw new RangeError('leaf hashes must be 32-byte arrays');
  const levels: Hash[][] = [[...leafHashes]];
  let below = levels[0]!;
  while (below.length > 1) {
    const level: Hash[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) level.push(nodeHash(below[i]!, below[i + 1]!));
    levels.push(level);
    below = level;
  }
  return {
    size: leafHashes.length,
    subtreeHash(height: number, index: number): Hash {
      const hash = levels[height]?.[index];
      if (!hash) throw new RangeError(`subtree ${height}/${index} is not within a tree of size ${leafHashes.length}`);
      return hash;
    },
  };
}
