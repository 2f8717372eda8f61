import type { EligibilityProfile, HouseholdStatus } from '../registry/household.ts';
import { allocationError } from './allocation-errors.ts';
import { isCalendarDate } from '../domain/calendar.ts';
import {
  desilOf,
  flagsOf,
  householdFlag,
  jumlahAnggotaOf,
  maxJumlahAnggota,
  recordField,
  recordWords,
} from './household-record.ts';
import { sortByPseudonym } from './pseudonym-sort.ts';

/** The table's records, trimmed to its size, with the lists their indexes point into. */
export interface HouseholdRecords {
  readonly words: Uint32Array;
  readonly size: number;
  readonly kecamatanCodes: readonly string[];
  readonly dates: readonly string[];
}

const pseudonymLength = 32;
const lowercaseHex = Uint8Array.from({ length: 256 }, (_, code) =>
  /[0-9a-f]/u.test(String.fromCharCode(code)) ? 1 : 0,
);
const kecamatanCodePattern = /^\d{2}\.\d{2}\.\d{2}$/u;

/**
 * Eligibility profiles as fixed 48-byte records in one buffer: ten million fit in 480 MB instead
 * of a few GB of objects, and the engine's passes run over one typed array. Kecamatan codes and
 * dates repeat and are stored once. Every profile is validated on the way in.
 *
 * `sortByPseudonym()` (which allocate calls) reorders the records in place so that every later pass
 * reads memory front to back: at ten million households, reading in any other order costs a cache
 * and TLB miss per household and is several times slower. A household's index is the order it was
 * added until then, and its place in pseudonym order after.
 */
export class HouseholdTable {
  #size = 0;
  #sorted = true;
  #words: Uint32Array;
  #bytes: Uint8Array;
  readonly #kecamatanCodes: string[] = [];
  readonly #kecamatanIndex = new Map<string, number>();
  readonly #dates: string[] = [];
  readonly #dateIndex = new Map<string, number>();
  // Registry exports usually list a kecamatan's households together: remembering the last code and
  // date skips most map lookups.
  #lastKecamatan: unknown = undefined;
  #lastKecamatanIndex = 0;
  #lastDate: unknown = undefined;
  #lastDateIndex = 0;

  constructor(expectedSize = 1024) {
    this.#words = new Uint32Array(Math.max(1, expectedSize) * recordWords);
    this.#bytes = new Uint8Array(this.#words.buffer);
  }

  static from(profiles: Iterable<EligibilityProfile>): HouseholdTable {
    const table = new HouseholdTable(Array.isArray(profiles) ? profiles.length : undefined);
    for (const profile of profiles) table.add(profile);
    return table;
  }

  get size(): number {
    return this.#size;
  }

  add(profile: EligibilityProfile): void {
    const index = this.#size;
    if ((index + 1) * recordWords > this.#words.length) this.#grow();
    const first = index * recordWords;
    this.#writePseudonym(index, profile.pseudonym);
    const words = this.#words;
    words[first + recordField.kecamatan] = this.#kecamatanOf(index, profile.kecamatan);
    words[first + recordField.verifiedOn] = this.#dateOf(index, profile.verifiedOn);
    const flags =
      flagOf(index, 'disabilitas', profile.disabilitas) |
      flagOf(index, 'lansia', profile.lansia) |
      flagOf(index, 'perempuanKepala', profile.perempuanKepala) |
      flagOf(index, 'mustahik', profile.mustahik) |
      statusFlag(index, profile.status);
    words[first + recordField.packed] =
      (wholeNumberIn(index, 'desil', profile.desil, 1, 10) |
        (flags << 8) |
        (wholeNumberIn(index, 'jumlahAnggota', profile.jumlahAnggota, 1, maxJumlahAnggota) << 16)) >>>
      0;
    words[first + recordField.added] = index;
    this.#size = index + 1;
    this.#sorted = this.#size === 1;
  }

  get sortedByPseudonym(): boolean {
    return this.#sorted;
  }

  /** Puts the households in ascending pseudonym order; refuses a pseudonym present twice. */
  sortByPseudonym(): void {
    if (this.#sorted) return;
    sortByPseudonym(this.#words.subarray(0, this.#size * recordWords));
    this.#sorted = true;
  }

  records(): HouseholdRecords {
    return {
      words: this.#words.subarray(0, this.#size * recordWords),
      size: this.#size,
      kecamatanCodes: this.#kecamatanCodes,
      dates: this.#dates,
    };
  }

  pseudonym(index: number): string {
    const start = index * recordWords * 4;
    return Buffer.from(this.#bytes.buffer).toString('latin1', start, start + pseudonymLength);
  }

  profile(index: number): EligibilityProfile {
    const first = index * recordWords;
    const packed = this.#words[first + recordField.packed] ?? 0;
    const flags = flagsOf(packed);
    return {
      pseudonym: this.pseudonym(index),
      kecamatan: this.#kecamatanCodes[this.#words[first + recordField.kecamatan] ?? 0] ?? '',
      desil: desilOf(packed),
      jumlahAnggota: jumlahAnggotaOf(packed),
      verifiedOn: this.#dates[this.#words[first + recordField.verifiedOn] ?? 0] ?? '',
      disabilitas: (flags & householdFlag.disabilitas) !== 0,
      lansia: (flags & householdFlag.lansia) !== 0,
      perempuanKepala: (flags & householdFlag.perempuanKepala) !== 0,
      mustahik: (flags & householdFlag.mustahik) !== 0,
      status: flags & householdFlag.graduasi ? 'graduasi' : 'aktif',
    };
  }

  #writePseudonym(index: number, pseudonym: unknown): void {
    if (typeof pseudonym !== 'string' || pseudonym.length !== pseudonymLength) {
      throw invalid(index, 'pseudonym', 'must be 32 lowercase hex characters');
    }
    const bytes = this.#bytes;
    const start = index * recordWords * 4;
    // Lowercase only, so byte order is string order and a pseudonym has one spelling. Checked
    // through a table without branching: this runs ten million times.
    let valid = 1;
    for (let offset = 0; offset < pseudonymLength; offset += 1) {
      const code = pseudonym.charCodeAt(offset);
      valid &= (lowercaseHex[code & 0xff] as number) & (code >>> 8 === 0 ? 1 : 0);
      bytes[start + offset] = code;
    }
    if (valid === 0) throw invalid(index, 'pseudonym', 'must be 32 lowercase hex characters');
  }

  #kecamatanOf(index: number, code: unknown): number {
    if (code === this.#lastKecamatan) return this.#lastKecamatanIndex;
    const known = typeof code === 'string' ? this.#kecamatanIndex.get(code) : undefined;
    if (known !== undefined) {
      this.#lastKecamatan = code;
      this.#lastKecamatanIndex = known;
      return known;
    }
    if (typeof code !== 'string' || !kecamatanCodePattern.test(code)) {
      throw invalid(index, 'kecamatan', 'must be a kecamatan code like 63.71.01');
    }
    this.#kecamatanCodes.push(code);
    this.#kecamatanIndex.set(code, this.#kecamatanCodes.length - 1);
    return this.#kecamatanCodes.length - 1;
  }

  #dateOf(index: number, date: unknown): number {
    if (date === this.#lastDate) return this.#lastDateIndex;
    const known = typeof date === 'string' ? this.#dateIndex.get(date) : undefined;
    if (known !== undefined) {
      this.#lastDate = date;
      this.#lastDateIndex = known;
      return known;
    }
    if (typeof date !== 'string' || !isCalendarDate(date)) {
      throw invalid(index, 'verifiedOn', 'must be a date written YYYY-MM-DD');
    }
    this.#dates.push(date);
    this.#dateIndex.set(date, this.#dates.length - 1);
    return this.#dates.length - 1;
  }

  #grow(): void {
    const larger = new Uint32Array(Math.max(1024 * recordWords, this.#words.length * 2));
    larger.set(this.#words);
    this.#words = larger;
    this.#bytes = new Uint8Array(larger.buffer);
  }
}

function invalid(index: number, field: string, message: string) {
  return allocationError('invalid_household', [{ path: `households.${index}.${field}`, message }]);
}

function wholeNumberIn(index: number, field: string, value: unknown, lowest: number, highest: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lowest || value > highest) {
    throw invalid(index, field, `must be a whole number from ${lowest} to ${highest}`);
  }
  return value;
}

function flagOf(index: number, field: keyof typeof householdFlag, value: unknown): number {
  if (typeof value !== 'boolean') throw invalid(index, field, 'must be true or false');
  return value ? householdFlag[field] : 0;
}

function statusFlag(index: number, status: HouseholdStatus | unknown): number {
  if (status === 'aktif') return 0;
  if (status === 'graduasi') return householdFlag.graduasi;
  throw invalid(index, 'status', 'must be aktif or graduasi');
}
