import {
  desilOf,
  flagsOf,
  jumlahAnggotaOf,
  maxJumlahAnggota,
  recordField,
  recordWords,
  vulnerabilityCount,
} from './household-record.ts';
import type { HouseholdTable } from './household-table.ts';

/** The households given a slot in one kecamatan: lines `start … start + count`, best first. */
export interface RankedKecamatan {
  readonly code: string;
  readonly eligible: number;
  readonly start: number;
  readonly count: number;
}

export interface RankedLines {
  /** Table index of each line's household, kecamatan by kecamatan (by code), best first. */
  readonly households: Uint32Array;
  /** Each line's pseudonym (32 ASCII bytes) in line order, so writing lines reads memory in order. */
  readonly pseudonyms: Uint8Array;
  readonly kecamatan: readonly RankedKecamatan[];
}

const pseudonymWords = 8;
/** Bits of a key's high word under the kecamatan: desil − 1 (4), 3 − flags (2), 255 − jumlahAnggota (8). */
const householdKeyBits = 14;

/** desil ascending, vulnerability flags descending, jumlahAnggota descending, as 14 bits. */
function householdKey(packed: number): number {
  return (
    ((desilOf(packed) - 1) << 10) |
    ((3 - (vulnerabilityCount[flagsOf(packed) & 7] as number)) << 8) |
    (maxJumlahAnggota - jumlahAnggotaOf(packed))
  );
}

/**
 * Step 5: within each kecamatan, the first a_k eligible households ordered by desil ascending,
 * vulnerability flags descending, jumlahAnggota descending, pseudonym ascending.
 *
 * Every eligible household of a kecamatan that gets slots becomes one 64-bit key — high word its
 * kecamatan's place in code order above `householdKey`, low word its table index, which is its
 * place in pseudonym order (the table is sorted) — and one native sort of those keys puts every
 * kecamatan's households, in exact order, side by side. The lines' pseudonyms are then copied
 * walking the table front to back (reads in order, writes scattered), which at ten million is
 * several times faster than gathering them in line order.
 */
export function rankWithinKecamatan(
  table: HouseholdTable,
  eligible: Uint8Array,
  eligibleCounts: Uint32Array,
  slotsByCode: ReadonlyMap<string, number>,
): RankedLines {
  if (!table.sortedByPseudonym) throw new Error('sort the households by pseudonym before ranking them');
  const { words, size, kecamatanCodes } = table.records();
  const taking = kecamatanCodes
    .map((code, place) => ({ code, place, slots: slotsByCode.get(code) ?? 0 }))
    .filter((kecamatan) => kecamatan.slots > 0)
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  if (taking.length >= 2 ** (32 - householdKeyBits)) throw new RangeError('too many kecamatan for one allocation');
  const placeInCodeOrder = new Int32Array(kecamatanCodes.length).fill(-1);
  taking.forEach(({ place }, position) => (placeInCodeOrder[place] = position));

  const keyCount = taking.reduce((sum, { place }) => sum + (eligibleCounts[place] as number), 0);
  const keys = new BigUint64Array(keyCount);
  const keyWords = new Uint32Array(keys.buffer);
  let filled = 0;
  for (let index = 0; index < size; index += 1) {
    if (eligible[index] === 0) continue;
    const first = index * recordWords;
    const position = placeInCodeOrder[words[first + recordField.kecamatan] as number] as number;
    if (position < 0) continue;
    keyWords[2 * filled] = index; // low word (little-endian)
    keyWords[2 * filled + 1] =
      (position << householdKeyBits) | householdKey(words[first + recordField.packed] as number);
    filled += 1;
  }
  keys.sort();

  // Line numbers (1-based; 0 = no slot) by table index: each kecamatan's first a_k keys.
  const lineOf = new Uint32Array(size);
  const ranked: RankedKecamatan[] = [];
  let line = 0;
  let groupStart = 0;
  for (const { code, place, slots } of taking) {
    ranked.push({ code, eligible: eligibleCounts[place] as number, start: line, count: slots });
    for (let offset = 0; offset < slots; offset += 1) {
      line += 1;
      lineOf[keyWords[2 * (groupStart + offset)] as number] = line;
    }
    groupStart += eligibleCounts[place] as number;
  }

  const households = new Uint32Array(line);
  const linePseudonyms = new Uint32Array(line * pseudonymWords);
  for (let index = 0; index < size; index += 1) {
    const lineNumber = lineOf[index] as number;
    if (lineNumber === 0) continue;
    households[lineNumber - 1] = index;
    for (let word = 0; word < pseudonymWords; word += 1) {
      linePseudonyms[(lineNumber - 1) * pseudonymWords + word] = words[index * recordWords + word] as number;
    }
  }
  return { households, pseudonyms: new Uint8Array(linePseudonyms.buffer), kecamatan: ranked };
}
