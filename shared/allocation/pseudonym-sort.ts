import { allocationError } from './allocation-errors.ts';
import { recordField, recordWords } from './household-record.ts';

const recordBytes = recordWords * 4;
const pseudonymLength = 32;

/** The value of two lowercase hex characters, indexed by the 16-bit word they form in memory. */
const hexPairValue = (() => {
  const values = new Uint8Array(65536);
  const digits = '0123456789abcdef';
  const pair = new Uint8Array(2);
  const word = new Uint16Array(pair.buffer);
  for (let high = 0; high < 16; high += 1) {
    for (let low = 0; low < 16; low += 1) {
      pair[0] = digits.charCodeAt(high);
      pair[1] = digits.charCodeAt(low);
      values[word[0] as number] = high * 16 + low;
    }
  }
  return values;
})();

/** 16-bit words of a record array: a record's pseudonym characters 2k and 2k+1 are word k. */
function pairsOf(records: Uint32Array): Uint16Array {
  return new Uint16Array(records.buffer, records.byteOffset, records.length * 2);
}

/** Hex digits 0–1 of record `row`'s pseudonym: its bucket. */
function firstTwoDigits(pairs: Uint16Array, row: number): number {
  return hexPairValue[pairs[row * recordWords * 2] as number] as number;
}

/** Hex digits 2–9 of record `row`'s pseudonym, as 32 bits. */
function digitsTwoToNine(pairs: Uint16Array, row: number): number {
  const first = row * recordWords * 2;
  return (
    (((hexPairValue[pairs[first + 1] as number] as number) << 24) |
      ((hexPairValue[pairs[first + 2] as number] as number) << 16) |
      ((hexPairValue[pairs[first + 3] as number] as number) << 8) |
      (hexPairValue[pairs[first + 4] as number] as number)) >>>
    0
  );
}

function copyRecord(from: Uint32Array, fromRow: number, to: Uint32Array, toRow: number): void {
  const source = fromRow * recordWords;
  const target = toRow * recordWords;
  for (let word = 0; word < recordWords; word += 1) to[target + word] = from[source + word] as number;
}

/**
 * Puts `records` in ascending pseudonym order (lowercase hex, so byte order is string order), in
 * place. Refuses a pseudonym seen twice: one NIK registered twice.
 *
 * At ten million households, moving records to arbitrary places costs a cache and TLB miss each,
 * so they move twice, locally: first into 256 buckets by their first pseudonym byte (one pass, 256
 * sequential write streams, into a second buffer), then each bucket (~2 MB) is ordered by one
 * native sort of 64-bit keys — hex digits 2–9 above the position — and copied back in that order
 * (reading in order, writing scattered: several times faster than the other way round).
 * Records that share digits 0–9 are rare and are ordered by their whole pseudonym.
 */
export function sortByPseudonym(records: Uint32Array): void {
  const size = records.length / recordWords;
  const pairs = pairsOf(records);
  const bucketStart = new Uint32Array(257);
  for (let row = 0; row < size; row += 1) {
    const bucket = firstTwoDigits(pairs, row);
    bucketStart[bucket + 1] = (bucketStart[bucket + 1] as number) + 1;
  }
  let largest = 0;
  for (let bucket = 1; bucket <= 256; bucket += 1) {
    largest = Math.max(largest, bucketStart[bucket] as number);
    bucketStart[bucket] = (bucketStart[bucket] as number) + (bucketStart[bucket - 1] as number);
  }
  const grouped = new Uint32Array(records.length);
  const cursor = bucketStart.slice(0, 256);
  for (let row = 0; row < size; row += 1) {
    const bucket = firstTwoDigits(pairs, row);
    copyRecord(records, row, grouped, cursor[bucket] as number);
    cursor[bucket] = (cursor[bucket] as number) + 1;
  }

  const keys = new BigUint64Array(largest);
  const keyWords = new Uint32Array(keys.buffer);
  const rankOf = new Uint32Array(largest);
  const groupedPairs = pairsOf(grouped);
  for (let bucket = 0; bucket < 256; bucket += 1) {
    const start = bucketStart[bucket] as number;
    const count = (bucketStart[bucket + 1] as number) - start;
    for (let offset = 0; offset < count; offset += 1) {
      keyWords[2 * offset] = offset; // low word (little-endian)
      keyWords[2 * offset + 1] = digitsTwoToNine(groupedPairs, start + offset);
    }
    keys.subarray(0, count).sort();
    for (let first = 0; first < count;) {
      let last = first + 1;
      while (last < count && keyWords[2 * last + 1] === keyWords[2 * first + 1]) last += 1;
      if (last - first > 1) orderByWholePseudonym(grouped, start, keyWords, first, last);
      first = last;
    }
    for (let rank = 0; rank < count; rank += 1) rankOf[keyWords[2 * rank] as number] = rank;
    for (let offset = 0; offset < count; offset += 1) {
      copyRecord(grouped, start + offset, records, start + (rankOf[offset] as number));
    }
  }
}

function comparePseudonyms(bytes: Uint8Array, a: number, b: number): number {
  for (let offset = 0; offset < pseudonymLength; offset += 1) {
    const difference = (bytes[a * recordBytes + offset] as number) - (bytes[b * recordBytes + offset] as number);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Reorders the positions in keys first…last (records of the bucket at `start` sharing hex digits
 * 0–9) by whole pseudonym.
 */
function orderByWholePseudonym(
  records: Uint32Array,
  start: number,
  keyWords: Uint32Array,
  first: number,
  last: number,
) {
  const bytes = new Uint8Array(records.buffer, records.byteOffset, records.byteLength);
  const rows = Array.from({ length: last - first }, (_, at) => start + (keyWords[2 * (first + at)] as number));
  rows.sort((a, b) => comparePseudonyms(bytes, a, b));
  for (let at = 1; at < rows.length; at += 1) {
    const [previous, current] = [rows[at - 1] as number, rows[at] as number];
    if (comparePseudonyms(bytes, previous, current) === 0) {
      const added = [previous, current].map((row) => records[row * recordWords + recordField.added] as number);
      const [earlier, later] = added.sort((x, y) => x - y);
      throw allocationError('duplicate_household', [
        {
          path: `households.${later}.pseudonym`,
          message: `repeats the pseudonym of household ${earlier}: one NIK appears twice`,
        },
      ]);
    }
  }
  rows.forEach((row, at) => (keyWords[2 * (first + at)] = row - start));
}
