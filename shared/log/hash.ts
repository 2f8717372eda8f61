/**
 * RFC 6962 / RFC 9162 Merkle tree hashing with SHA-256, isomorphic (no `node:` imports): the browser,
 * Lambdas and the local server all compute the same bytes. The default SHA-256 is pure TypeScript;
 * `useSha256` swaps in another implementation (shared/log/node-sha256.ts plugs node:crypto in for large
 * inputs).
 */

export { decodeBase64, encodeBase64 } from './base64.ts';

/** A SHA-256 digest: always 32 bytes. */
export type Hash = Uint8Array;

export type Sha256 = (bytes: Uint8Array) => Uint8Array;

export const hashSize = 32;

// prettier-ignore
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// prettier-ignore
const initial = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

// Scratch space: every function below is synchronous and never re-entered, so sharing is safe.
const state = new Int32Array(8);
const words = new Int32Array(64);
const tail = new Uint8Array(128);

/** The SHA-256 compression function over the message block already loaded into `words[0…15]`. */
function compressWords(): void {
  const w = words;
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  let t: number;
  // Eight rounds per iteration, the working variables renamed instead of shifted: each round computes
  // T1 = h + Σ1(e) + Ch(e, f, g) + K[i] + W[i], then d += T1 and h = T1 + Σ0(a) + Maj(a, b, c).
  // prettier-ignore
  for (let i = 0; i < 64; i += 8) {
    t = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i + 0]! + w[i + 0]!) | 0;
    d = (d + t) | 0;
    h = (t + ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c)))) | 0;
    t = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + ((d & e) ^ (~d & f)) + K[i + 1]! + w[i + 1]!) | 0;
    c = (c + t) | 0;
    g = (t + ((((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) ^ (h & b) ^ (a & b)))) | 0;
    t = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + ((c & d) ^ (~c & e)) + K[i + 2]! + w[i + 2]!) | 0;
    b = (b + t) | 0;
    f = (t + ((((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) ^ (g & a) ^ (h & a)))) | 0;
    t = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + ((b & c) ^ (~b & d)) + K[i + 3]! + w[i + 3]!) | 0;
    a = (a + t) | 0;
    e = (t + ((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) ^ (f & h) ^ (g & h)))) | 0;
    t = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + ((a & b) ^ (~a & c)) + K[i + 4]! + w[i + 4]!) | 0;
    h = (h + t) | 0;
    d = (t + ((((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) ^ (e & g) ^ (f & g)))) | 0;
    t = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + ((h & a) ^ (~h & b)) + K[i + 5]! + w[i + 5]!) | 0;
    g = (g + t) | 0;
    c = (t + ((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) ^ (d & f) ^ (e & f)))) | 0;
    t = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + ((g & h) ^ (~g & a)) + K[i + 6]! + w[i + 6]!) | 0;
    f = (f + t) | 0;
    b = (t + ((((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) ^ (c & e) ^ (d & e)))) | 0;
    t = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + ((f & g) ^ (~f & h)) + K[i + 7]! + w[i + 7]!) | 0;
    e = (e + t) | 0;
    a = (t + ((((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) ^ (b & d) ^ (c & d)))) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/** One SHA-256 compression of the 64 bytes at `data[offset…]` into `state`. */
function compress(data: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const o = offset + i * 4;
    words[i] = (data[o]! << 24) | (data[o + 1]! << 16) | (data[o + 2]! << 8) | data[o + 3]!;
  }
  compressWords();
}

function writeState(out: Uint8Array, offset: number): void {
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    const o = offset + i * 4;
    out[o] = v >>> 24;
    out[o + 1] = v >>> 16;
    out[o + 2] = v >>> 8;
    out[o + 3] = v;
  }
}

/** SHA-256 of the bytes given, in pure TypeScript (the default implementation). */
export function pureSha256(bytes: Uint8Array): Uint8Array {
  state.set(initial);
  const length = bytes.length;
  const whole = length - (length % 64);
  for (let offset = 0; offset < whole; offset += 64) compress(bytes, offset);
  const rest = length - whole;
  tail.fill(0);
  for (let i = 0; i < rest; i++) tail[i] = bytes[whole + i]!;
  tail[rest] = 0x80;
  const blocks = rest < 56 ? 1 : 2;
  const end = blocks * 64;
  // The message length in bits, as a big-endian 64-bit integer (lengths below 2^53 bits).
  const bits = length * 8;
  const high = Math.floor(bits / 0x100000000);
  tail[end - 8] = high >>> 24;
  tail[end - 7] = high >>> 16;
  tail[end - 6] = high >>> 8;
  tail[end - 5] = high;
  tail[end - 4] = bits >>> 24;
  tail[end - 3] = bits >>> 16;
  tail[end - 2] = bits >>> 8;
  tail[end - 1] = bits;
  compress(tail, 0);
  if (blocks === 2) compress(tail, 64);
  const out = new Uint8Array(32);
  writeState(out, 0);
  return out;
}

let plugged: Sha256 | undefined;

/**
 * Replaces the SHA-256 implementation behind `sha256` and `leafHash` (undefined restores the pure
 * TypeScript one). The function must be synchronous and return a fresh 32-byte array. Interior node
 * hashes (65-byte messages) always use the pure implementation, which beats a native call for them.
 */
export function useSha256(fn: Sha256 | undefined): void {
  plugged = fn;
}

export function sha256(bytes: Uint8Array): Hash {
  return plugged ? plugged(bytes) : pureSha256(bytes);
}

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ entry). */
export function leafHash(entry: Uint8Array): Hash {
  const input = new Uint8Array(entry.length + 1);
  input.set(entry, 1);
  return sha256(input);
}

/** The big-endian 32-bit word of the 4 bytes at `bytes[offset…]`. */
function word(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
}

/**
 * Writes the RFC 6962 interior node hash SHA-256(0x01 ‖ left ‖ right) of the 32-byte hashes at
 * `source[left…]` and `source[right…]` into `out[outOffset…]`, allocating nothing. A 65-byte message
 * is cheaper to hash here than through a native binding's per-call overhead, so this always uses the
 * pure implementation. `out` may overlap `source`.
 */
export function nodeHashInto(
  source: Uint8Array,
  left: number,
  right: number,
  out: Uint8Array,
  outOffset: number,
): void {
  const s = source;
  const w = words;
  state.set(initial);
  // Block 1: 0x01, the 32 bytes of left, the first 31 bytes of right (each word straddles a hash by a byte).
  w[0] = 0x01000000 | (s[left]! << 16) | (s[left + 1]! << 8) | s[left + 2]!;
  for (let i = 1; i < 8; i++) w[i] = word(s, left + 4 * i - 1);
  w[8] = (s[left + 31]! << 24) | (s[right]! << 16) | (s[right + 1]! << 8) | s[right + 2]!;
  for (let i = 9; i < 16; i++) w[i] = word(s, right + 4 * i - 33);
  compressWords();
  // Block 2: the last byte of right, the 0x80 padding byte, zeros, and the length: 520 bits.
  w[0] = (s[right + 31]! << 24) | 0x800000;
  for (let i = 1; i < 15; i++) w[i] = 0;
  w[15] = 520;
  compressWords();
  writeState(out, outOffset);
}

const pair = new Uint8Array(64);

/** RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  if (left.length !== hashSize || right.length !== hashSize)
    throw new RangeError('node children must be 32-byte hashes');
  pair.set(left, 0);
  pair.set(right, 32);
  const out = new Uint8Array(hashSize);
  nodeHashInto(pair, 0, 32, out, 0);
  return out;
}

let scratch = new Uint8Array(256 * hashSize);

/**
 * Writes the RFC 6962 hash of the perfect subtree whose `count` leaves (a power of two) are the
 * consecutive 32-byte hashes at `source[offset…]` into `out[outOffset…]`: `count - 1` node hashes,
 * with no allocation for counts up to 256 (one tile).
 */
export function perfectTreeHashInto(
  source: Uint8Array,
  offset: number,
  count: number,
  out: Uint8Array,
  outOffset: number,
): void {
  if (!Number.isInteger(count) || count < 1 || (count & (count - 1)) !== 0) {
    throw new RangeError(`subtree width ${count} is not a power of two`);
  }
  if (offset < 0 || offset + count * hashSize > source.length) throw new RangeError('subtree outside its hashes');
  if (count === 1) {
    for (let i = 0; i < hashSize; i++) out[outOffset + i] = source[offset + i]!;
    return;
  }
  if (count === 2) {
    nodeHashInto(source, offset, offset + hashSize, out, outOffset);
    return;
  }
  if (scratch.length < (count / 2) * hashSize) scratch = new Uint8Array((count / 2) * hashSize);
  const work = scratch;
  let width = count / 2;
  for (let i = 0; i < width; i++) nodeHashInto(source, offset + i * 64, offset + i * 64 + 32, work, i * 32);
  while (width > 2) {
    width /= 2;
    for (let i = 0; i < width; i++) nodeHashInto(work, i * 64, i * 64 + 32, work, i * 32);
  }
  nodeHashInto(work, 0, 32, out, outOffset);
}

/** The RFC 6962 hash of the perfect subtree over `count` (a power of two) hashes at `source[offset…]`. */
export function perfectTreeHash(source: Uint8Array, offset: number, count: number): Hash {
  const out = new Uint8Array(hashSize);
  perfectTreeHashInto(source, offset, count, out, 0);
  return out;
}

/** The RFC 6962 root of the empty tree: SHA-256 of no bytes. */
export const emptyRoot: Hash = pureSha256(new Uint8Array(0));

export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const hexDigits = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += hexDigits[bytes[i]!]!;
  return out;
}

/** Decodes lowercase or uppercase hex; throws an Error on odd length or a non-hex character. */
export function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new Error('invalid hex');
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}
