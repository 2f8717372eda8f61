import './little-endian.ts';

const encoder = new TextEncoder();

/** UTF-8 bytes of a short piece of canonical JSON. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Canonical JSON is written in chunks of about this size: big enough that hashing runs at full speed. */
export const chunkBytes = 1 << 20;

/** Room past `chunkBytes` so the last row (and a whole-word copy's spill) always fits. */
export const rowSlack = 1 << 12;

/** A chunk to write into, with a DataView for whole-word copies. */
export function newChunk(): { chunk: Uint8Array; view: DataView } {
  const chunk = new Uint8Array(chunkBytes + rowSlack);
  return { chunk, view: new DataView(chunk.buffer) };
}

/** Writes `value` (a non-negative safe integer) in decimal at `offset`; returns the new offset. */
export function writeDigits(chunk: Uint8Array, offset: number, value: number): number {
  let length = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) length += 1;
  let rest = value;
  for (let at = offset + length - 1; at >= offset; at -= 1) {
    chunk[at] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return offset + length;
}

/**
 * Copies the 32-byte pseudonym starting at word `first` of `words` to `offset` as eight 32-bit
 * writes (unaligned writes through a DataView compile to single stores; the literal `true`,
 * little-endian, matches how Uint32Array read the words — see little-endian.ts); returns the new
 * offset.
 */
export function writePseudonym(view: DataView, offset: number, words: Uint32Array, first: number): number {
  for (let word = 0; word < 8; word += 1) {
    view.setUint32(offset + 4 * word, words[first + word] as number, true);
  }
  return offset + 32;
}

/**
 * Short pieces of canonical JSON, each padded to the same number of 32-bit words. Writing one
 * copies all its words whatever its length — a fixed loop with no mispredicted branch — and
 * advances by its real length; the up to 3 spilled bytes are overwritten by whatever comes next
 * and never reach a chunk's end (chunks are cut at the write position). Kept in one small buffer,
 * the pieces stay in cache however randomly rows pick them.
 */
export class WordPieces {
  readonly words: Uint32Array;
  readonly lengths: Uint8Array;
  readonly stride: number;

  constructor(texts: readonly string[]) {
    const pieces = texts.map((text) => utf8(text));
    const longest = Math.max(0, ...pieces.map((piece) => piece.length));
    if (longest > 255) throw new RangeError('a piece must be shorter than 256 bytes');
    this.stride = Math.ceil(longest / 4);
    this.words = new Uint32Array(pieces.length * this.stride);
    this.lengths = Uint8Array.from(pieces, (piece) => piece.length);
    const bytes = new Uint8Array(this.words.buffer);
    pieces.forEach((piece, key) => bytes.set(piece, key * this.stride * 4));
  }

  /** Writes piece `key` at `offset`; returns the new offset. */
  write(view: DataView, offset: number, key: number): number {
    const { words, stride } = this;
    const first = key * stride;
    for (let word = 0; word < stride; word += 1) {
      view.setUint32(offset + 4 * word, words[first + word] as number, true);
    }
    return offset + (this.lengths[key] as number);
  }
}

/** A view of `bytes` as 32-bit words (its length and offset must be multiples of 4). */
export function wordsOf(bytes: Uint8Array): Uint32Array {
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}
