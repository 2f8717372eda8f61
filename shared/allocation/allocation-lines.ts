import type { EligibilityProfile } from '../registry/household.ts';
import type { HouseholdTable } from './household-table.ts';
import type { RankedKecamatan, RankedLines } from './household-ranking.ts';

/** One household's slot: `rank` is its place among the eligible households of its kecamatan. */
export interface AllocationLine {
  readonly household: string;
  readonly kecamatan: string;
  readonly amount: number;
  readonly rank: number;
}

/**
 * The result's lines, kecamatan by kecamatan (by code) and by rank, held as table indexes and
 * pseudonym bytes: ten million lines take 360 MB instead of over a gigabyte of objects. Line objects
 * are made on request (`at`, iteration, `toJSON` for small results); the canonical encoder reads
 * the bytes directly.
 */
export class AllocationLines implements Iterable<AllocationLine> {
  readonly #byCode: ReadonlyMap<string, RankedKecamatan>;

  constructor(
    readonly table: HouseholdTable,
    readonly ranked: RankedLines,
    /** Rupiah per line (benefitPerHousehold). */
    readonly amount: number,
  ) {
    this.#byCode = new Map(ranked.kecamatan.map((kecamatan) => [kecamatan.code, kecamatan]));
  }

  get length(): number {
    return this.ranked.households.length;
  }

  at(position: number): AllocationLine | undefined {
    if (!Number.isInteger(position) || position < 0 || position >= this.length) return undefined;
    const segments = this.ranked.kecamatan;
    let [low, high] = [0, segments.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((segments[middle] as RankedKecamatan).start <= position) low = middle;
      else high = middle - 1;
    }
    const segment = segments[low] as RankedKecamatan;
    return this.#line(segment, position - segment.start);
  }

  *[Symbol.iterator](): Iterator<AllocationLine> {
    for (const segment of this.ranked.kecamatan) {
      for (let offset = 0; offset < segment.count; offset += 1) yield this.#line(segment, offset);
    }
  }

  toJSON(): AllocationLine[] {
    return [...this];
  }

  /** The eligibility profile behind a line, or undefined when the line is not one of these. */
  profileOf(line: AllocationLine): EligibilityProfile | undefined {
    const segment = this.#byCode.get(line.kecamatan);
    if (!segment || !Number.isInteger(line.rank) || line.rank < 1 || line.rank > segment.count) return undefined;
    const index = this.ranked.households[segment.start + line.rank - 1] as number;
    const profile = this.table.profile(index);
    return profile.pseudonym === line.household ? profile : undefined;
  }

  #line(segment: RankedKecamatan, offset: number): AllocationLine {
    const start = (segment.start + offset) * 32;
    const { pseudonyms } = this.ranked;
    const household = Buffer.from(pseudonyms.buffer, pseudonyms.byteOffset, pseudonyms.length).toString(
      'latin1',
      start,
      start + 32,
    );
    return { household, kecamatan: segment.code, amount: this.amount, rank: offset + 1 };
  }
}
