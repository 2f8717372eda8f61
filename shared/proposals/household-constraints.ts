import { monthsBefore } from '../domain/calendar.ts';
import type { Language } from '../allocation/explain.ts';
import type { AllocationRules } from '../allocation/rules.ts';
import { formatRupiah, type Rupiah } from '../domain/money.ts';
import type { EligibilityProfile } from '../registry/household.ts';
import type { SkipReason, SkippedHouseholds } from './proposal.ts';

/**
 * What the proposal layer knows about households beyond the registry: graduations, what each
 * received this fiscal year, and (for a later tranche) who met the previous stage's targets.
 */
export interface HouseholdFacts {
  /** Households with a graduation record: never proposed again, whatever the rules say. */
  readonly graduated: ReadonlySet<string>;
  /** Received (reserved, net of returns) in the fiscal year of the proposal, over every fund. */
  readonly received: ReadonlyMap<string, Rupiah>;
  /** Ceiling per household and fiscal year; null = none. */
  readonly householdAnnualCap: Rupiah | null;
  /** For tranche n > 1: households whose stage n − 1 targets were approved and all met. */
  readonly targetsMet?: ReadonlySet<string>;
  /** For a programme tranche: households already allocated this very tranche (never twice). */
  readonly trancheReceived?: ReadonlySet<string>;
}

/** The order in which a household is attributed to one reason when several apply. */
export const skipReasons: readonly SkipReason[] = ['graduated', 'tranche_received', 'household_cap', 'targets_not_met'];

/**
 * The engine's step 1 (FORMAT.md) for one profile: the households the rules alone make eligible.
 * Only these count as skipped, so "left out" never includes a household the rules refused anyway.
 */
export function eligibleByRules(
  profile: EligibilityProfile,
  rules: AllocationRules,
  verifiedSince: string,
  excluded: ReadonlySet<string> = new Set(rules.kecamatan.exclude ?? []),
): boolean {
  return (
    (!rules.eligibility.excludeGraduated || profile.status === 'aktif') &&
    (!(rules.eligibility.requireMustahik || rules.fund === 'ZAKAT') || profile.mustahik) &&
    profile.desil <= rules.eligibility.maxDesil &&
    profile.verifiedOn >= verifiedSince &&
    !excluded.has(profile.kecamatan)
  );
}

/**
 * Filters the registry before the (pure, untouched) engine runs: graduated households, households
 * the per-household annual cap would overrun, and, for a later tranche, households without
 * approved, met targets of the previous stage. It counts the households the rules made eligible
 * that were left out, per kecamatan and reason.
 */
export class HouseholdConstraints {
  private readonly verifiedSince: string;
  private readonly excluded: ReadonlySet<string>;
  private readonly counts = new Map<string, Map<SkipReason, number>>();
  /** Eligible-by-rules households that met the previous stage's targets (whatever else holds). */
  qualifiedByTargets = 0;

  constructor(
    private readonly rules: AllocationRules,
    private readonly facts: HouseholdFacts,
  ) {
    this.verifiedSince = monthsBefore(rules.asOf, rules.eligibility.verifiedWithinMonths);
    this.excluded = new Set(rules.kecamatan.exclude ?? []);
  }

  /** The reason a household is kept from the engine, or undefined when the engine may see it. */
  reasonFor(profile: EligibilityProfile): SkipReason | undefined {
    const { graduated, received, householdAnnualCap, targetsMet, trancheReceived } = this.facts;
    if (graduated.has(profile.pseudonym)) return 'graduated';
    if (trancheReceived?.has(profile.pseudonym)) return 'tranche_received';
    if (
      householdAnnualCap !== null &&
      (received.get(profile.pseudonym) ?? 0) + this.rules.benefitPerHousehold > householdAnnualCap
    ) {
      return 'household_cap';
    }
    if (targetsMet && !targetsMet.has(profile.pseudonym)) return 'targets_not_met';
    return undefined;
  }

  /** True when the engine may see the household; otherwise it is counted (if the rules made it eligible). */
  admits(profile: EligibilityProfile): boolean {
    const eligible = eligibleByRules(profile, this.rules, this.verifiedSince, this.excluded);
    if (eligible && this.facts.targetsMet?.has(profile.pseudonym)) this.qualifiedByTargets += 1;
    const reason = this.reasonFor(profile);
    if (reason === undefined) return true;
    if (eligible) {
      let byReason = this.counts.get(profile.kecamatan);
      if (!byReason) {
        byReason = new Map();
        this.counts.set(profile.kecamatan, byReason);
      }
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
    return false;
  }

  /** Left-out eligible households by kecamatan code, then reason (in `skipReasons` order). */
  skipped(): SkippedHouseholds[] {
    return [...this.counts.keys()].sort().flatMap((kecamatan) =>
      skipReasons.flatMap((reason) => {
        const households = this.counts.get(kecamatan)?.get(reason) ?? 0;
        return households > 0 ? [{ kecamatan, reason, households }] : [];
      }),
    );
  }
}

export interface SkipContext {
  /** The stage whose targets opened this tranche (tranche − 1). */
  readonly stage?: number;
  readonly householdAnnualCap?: Rupiah | null;
  readonly fiscalYear: number;
}

function reasonPhrase(entry: SkippedHouseholds, context: SkipContext, language: Language): string {
  const cap = context.householdAnnualCap ? ` (${formatRupiah(context.householdAnnualCap)})` : '';
  switch (entry.reason) {
    case 'graduated':
      return language === 'id' ? `${entry.households} sudah graduasi` : `${entry.households} graduated`;
    case 'household_cap':
      return language === 'id'
        ? `${entry.households} akan melampaui batas bantuan per rumah tangga tahun ${context.fiscalYear}${cap}`
        : `${entry.households} would exceed the per-household cap for ${context.fiscalYear}${cap}`;
    case 'tranche_received':
      return language === 'id'
        ? `${entry.households} sudah menerima tahap ini`
        : `${entry.households} already allocated this tranche`;
    case 'targets_not_met':
      return language === 'id'
        ? `${entry.households} belum memenuhi target tahap ${context.stage ?? '?'} yang disetujui`
        : `${entry.households} without approved, met stage ${context.stage ?? '?'} targets`;
  }
}

/**
 * The sentence the proposal adds to a kecamatan's explanation, e.g. "3 rumah tangga layak tidak
 * diikutkan: 2 sudah graduasi, 1 akan melampaui batas bantuan per rumah tangga tahun 2026
 * (Rp 5.000.000)"; empty when nobody was left out there.
 */
export function explainSkipped(
  skipped: readonly SkippedHouseholds[],
  kecamatan: string,
  context: SkipContext,
  language: Language = 'id',
): string {
  const here = skipped.filter((entry) => entry.kecamatan === kecamatan);
  if (here.length === 0) return '';
  const total = here.reduce((sum, entry) => sum + entry.households, 0);
  const reasons = here.map((entry) => reasonPhrase(entry, context, language)).join(', ');
  return language === 'id'
    ? `${total} rumah tangga layak tidak diikutkan: ${reasons}`
    : `${total} eligible household${total === 1 ? '' : 's'} left out: ${reasons}`;
}
