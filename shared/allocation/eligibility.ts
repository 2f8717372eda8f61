import { monthsBefore } from '../domain/calendar.ts';
import { desilOf, flagsOf, householdFlag, recordField, recordWords } from './household-record.ts';
import type { HouseholdTable } from './household-table.ts';
import type { AllocationRules } from './rules.ts';

/** Which households are eligible (1 or 0 per household) and how many per kecamatan of the table. */
export interface Eligibility {
  readonly eligible: Uint8Array;
  /** Indexed like the table's `kecamatanCodes`. */
  readonly counts: Uint32Array;
  /** Verified on or after this date counts as recently verified. */
  readonly verifiedSince: string;
}

/**
 * Step 1. A household is eligible when it is active (or graduation is not excluded), its desil is at
 * most maxDesil, it was verified on or after asOf minus verifiedWithinMonths calendar months, it is
 * mustahik when the rules ask for it (zakat always does: only mustahik may receive zakat), and its
 * kecamatan is not excluded.
 */
export function markEligible(table: HouseholdTable, rules: AllocationRules): Eligibility {
  const { words, size, kecamatanCodes, dates } = table.records();
  const verifiedSince = monthsBefore(rules.asOf, rules.eligibility.verifiedWithinMonths);
  const recentDate = Uint8Array.from(dates, (date) => (date >= verifiedSince ? 1 : 0));
  const excludedCodes = new Set(rules.kecamatan.exclude ?? []);
  const includedKecamatan = Uint8Array.from(kecamatanCodes, (code) => (excludedCodes.has(code) ? 0 : 1));
  const refused =
    (rules.eligibility.excludeGraduated ? householdFlag.graduasi : 0) |
    (rules.eligibility.requireMustahik || rules.fund === 'ZAKAT' ? householdFlag.mustahik : 0);
  // Flipping the mustahik bit lets one mask test cover both "graduated" and "not mustahik".
  const { mustahik } = householdFlag;
  const maxDesil = rules.eligibility.maxDesil;

  const eligible = new Uint8Array(size);
  const counts = new Uint32Array(kecamatanCodes.length);
  for (let index = 0, first = 0; index < size; index += 1, first += recordWords) {
    const packed = words[first + recordField.packed] as number;
    const place = words[first + recordField.kecamatan] as number;
    if (
      (flagsOf(packed) ^ mustahik) & refused ||
      desilOf(packed) > maxDesil ||
      recentDate[words[first + recordField.verifiedOn] as number] === 0 ||
      includedKecamatan[place] === 0
    ) {
      continue;
    }
    eligible[index] = 1;
    counts[place] = (counts[place] as number) + 1;
  }
  return { eligible, counts, verifiedSince };
}
