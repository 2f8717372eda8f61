import type { EligibilityProfile } from '../registry/household.ts';
import { AllocationLines } from './allocation-lines.ts';
import { markEligible } from './eligibility.ts';
import { encodeInputs } from './encode-inputs.ts';
import { encodeResult } from './encode-result.ts';
import { HouseholdTable } from './household-table.ts';
import { rankWithinKecamatan } from './household-ranking.ts';
import { allocateKecamatan } from './kecamatan-split.ts';
import { parseKecamatanCounts, type KecamatanCounts } from './official-counts.ts';
import type { AllocationResult } from './result.ts';
import { parseAllocationRules, type AllocationRules } from './rules.ts';
import { sha256Hex } from './sha256.ts';

/**
 * The whole allocation (FORMAT.md), a pure function: the same rules, official counts and profiles
 * (in any order) give the same result, byte for byte, on any machine. Invalid rules or profiles
 * throw an AllocationError naming the field.
 *
 * Pass a HouseholdTable for very large inputs (48 bytes a household; allocate sorts it by pseudonym
 * in place); any iterable of profiles is copied into one first.
 */
export function allocate(
  rules: AllocationRules,
  households: HouseholdTable | Iterable<EligibilityProfile>,
  officialCounts: KecamatanCounts,
): AllocationResult {
  const validRules = parseAllocationRules(rules);
  const official = parseKecamatanCounts(officialCounts, 'official');
  const table = households instanceof HouseholdTable ? households : HouseholdTable.from(households);

  table.sortByPseudonym();
  const { eligible, counts } = markEligible(table, validRules);
  const { kecamatanCodes } = table.records();
  const eligibleCounts = Object.fromEntries(
    kecamatanCodes.flatMap((code, place) => ((counts[place] as number) > 0 ? [[code, counts[place] as number]] : [])),
  );
  const split = allocateKecamatan(validRules, eligibleCounts, official);
  const slotsByCode = new Map(split.kecamatan.map((kecamatan) => [kecamatan.code, kecamatan.slots]));
  const ranked = rankWithinKecamatan(table, eligible, counts, slotsByCode);

  const benefit = validRules.benefitPerHousehold;
  const allocated = ranked.households.length * benefit;
  const unhashed = {
    slots: split.slots,
    allocated,
    remainder: validRules.amount - allocated,
    kecamatan: split.kecamatan.map(({ code, eligible: count, weight, slots }) => ({
      code,
      eligible: count,
      weight,
      slots,
      amount: slots * benefit,
    })),
    lines: new AllocationLines(table, ranked, benefit),
  };
  // Only the counts the rules used are an input: with other weightings they do not matter.
  const officialUsed = validRules.kecamatan.weighting === 'official' ? official : {};
  return {
    ...unhashed,
    inputsHash: sha256Hex(encodeInputs(validRules, officialUsed, table)),
    outputsHash: sha256Hex(encodeResult(unhashed)),
  };
}
