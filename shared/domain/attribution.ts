import type { Attribution } from './ledger.ts';
import type { Rupiah } from './money.ts';
import type { Earmark } from './pledges.ts';

/** A confirmed contribution as a source of money: what is left of it to attribute. */
export interface FundingSource {
  readonly contributionId: string;
  readonly orgId: string;
  /** When the treasurer confirmed it: sources are used oldest first. */
  readonly confirmedAt: string;
  readonly remaining: Rupiah;
  readonly earmark?: Earmark;
}

/** Something that spends money: a household line (with its kecamatan) or an expense. */
export interface MoneyUse {
  readonly use: string;
  readonly amount: Rupiah;
  /** Absent for a city-wide expense, which no kecamatan earmark can fund. */
  readonly kecamatan?: string;
  /** The programme category; absent (or ceremonial) uses take only money without a category earmark. */
  readonly category?: string;
}

export interface AttributionPlan {
  readonly attributions: Attribution[];
  /** Uses that the matching money could not (fully) cover, with the rupiah missing. */
  readonly shortfalls: { readonly use: string; readonly missing: Rupiah }[];
  /** What each touched source gives in total, in source order. */
  readonly taken: Map<string, Rupiah>;
}

/** Earmarked money funds only uses in one of its kecamatan and of its category. */
export function earmarkAllows(earmark: Earmark | undefined, use: MoneyUse): boolean {
  if (!earmark) return true;
  if (earmark.kecamatan && (use.kecamatan === undefined || !earmark.kecamatan.includes(use.kecamatan))) return false;
  if (earmark.category && earmark.category !== use.category) return false;
  return true;
}

/** Oldest confirmation first; the contribution id breaks ties so the order is total. */
export function byConfirmation(a: FundingSource, b: FundingSource): number {
  if (a.confirmedAt !== b.confirmedAt) return a.confirmedAt < b.confirmedAt ? -1 : 1;
  return a.contributionId < b.contributionId ? -1 : a.contributionId > b.contributionId ? 1 : 0;
}

/**
 * FIFO attribution: each use, in order, takes from the oldest confirmed contributions whose
 * earmark allows it, until it is covered. Pure and deterministic: rerunning it on the amounts a
 * first run took (`taken`) for the same uses gives the same split, which is how a reservation
 * interrupted half-way resumes with the very same attributions.
 */
export function attributeFifo(sources: readonly FundingSource[], uses: Iterable<MoneyUse>): AttributionPlan {
  const ordered = [...sources].sort(byConfirmation);
  const left = ordered.map((source) => source.remaining);
  const attributions: Attribution[] = [];
  const shortfalls: { use: string; missing: Rupiah }[] = [];
  const taken = new Map<string, Rupiah>();
  // Sources before this index are empty: long runs of uses skip them without rescanning.
  let firstNonEmpty = 0;
  for (const use of uses) {
    let need = use.amount;
    for (let index = firstNonEmpty; index < ordered.length && need > 0; index += 1) {
      const source = ordered[index] as FundingSource;
      const available = left[index] as number;
      if (available === 0 || !earmarkAllows(source.earmark, use)) continue;
      const amount = Math.min(available, need);
      left[index] = available - amount;
      need -= amount;
      attributions.push({ use: use.use, contributionId: source.contributionId, orgId: source.orgId, amount });
      taken.set(source.contributionId, (taken.get(source.contributionId) ?? 0) + amount);
    }
    while (firstNonEmpty < ordered.length && left[firstNonEmpty] === 0) firstNonEmpty += 1;
    if (need > 0) shortfalls.push({ use: use.use, missing: need });
  }
  return { attributions, shortfalls, taken };
}
