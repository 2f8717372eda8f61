import type { Rupiah } from '../domain/money.ts';
import { sumRupiah } from '../domain/money.ts';
import type { OrganisationOutcomeRecord } from '../domain/store.ts';

/** Where one contributor's money reached households, per kecamatan. */
export interface ReachedKecamatan {
  readonly code: string;
  /** Households reached there; null when fewer than the suppression threshold (a small count can name a family). */
  readonly households: number | null;
  readonly amount: Rupiah;
}

/** What a contributor's money did: the public outcome columns of GET /api/public/organisations. */
export interface OrganisationOutcome {
  readonly reachedHouseholds: number;
  /** Paid to households, net of returned payments. */
  readonly disbursed: Rupiah;
  /** Non-ceremonial expenses, amil included. */
  readonly programme: Rupiah;
  readonly ceremonial: Rupiah;
  /** ceremonial ÷ (disbursed + programme + ceremonial), rounded to 4 decimals; 0 when nothing was spent. */
  readonly ceremonialShare: number;
  readonly reachedKecamatan: readonly ReachedKecamatan[];
}

export const noOutcome: OrganisationOutcome = Object.freeze({
  reachedHouseholds: 0,
  disbursed: 0,
  programme: 0,
  ceremonial: 0,
  ceremonialShare: 0,
  reachedKecamatan: Object.freeze([]),
});

/** A share as a number rounded to 4 decimals (0.1235 = 12.35 %); 0 when the whole is 0. */
export function roundedShare(part: Rupiah, whole: Rupiah): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

/**
 * One contributor's outcome from its stats counters and reached-household items. Only items with
 * money (amount > 0, i.e. not fully returned) count; the kecamatan list is sorted by code.
 */
export function organisationOutcome(
  record: Pick<OrganisationOutcomeRecord, 'stats' | 'reached'>,
  suppressionThreshold: number,
): OrganisationOutcome {
  const { disbursed, programme, ceremonial, reachedHouseholds } = record.stats;
  const byKecamatan = new Map<string, { households: number; amount: Rupiah }>();
  for (const { kecamatan, amount } of record.reached) {
    if (!(amount > 0)) continue;
    const cell = byKecamatan.get(kecamatan) ?? { households: 0, amount: 0 };
    byKecamatan.set(kecamatan, { households: cell.households + 1, amount: sumRupiah([cell.amount, amount]) });
  }
  return {
    reachedHouseholds,
    disbursed,
    programme,
    ceremonial,
    ceremonialShare: roundedShare(ceremonial, sumRupiah([disbursed, programme, ceremonial])),
    reachedKecamatan: [...byKecamatan]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, { households, amount }]) => ({
        code,
        households: households >= suppressionThreshold ? households : null,
        amount,
      })),
  };
}

/** Outcomes of many contributors, by organisation id (a contributor without records gets `noOutcome`). */
export function organisationOutcomes(
  records: readonly OrganisationOutcomeRecord[],
  suppressionThreshold: number,
): Map<string, OrganisationOutcome> {
  return new Map(records.map((record) => [record.orgId, organisationOutcome(record, suppressionThreshold)]));
}
