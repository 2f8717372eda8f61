import type { Issue } from '../domain/errors.ts';
import { allocationError } from './allocation-errors.ts';
import { decimalOf, floorTimes, scaledTo, type Decimal } from './decimal.ts';
import { formatFraction } from './fraction.ts';
import { roundQuotas } from './largest-remainder.ts';
import { parseKecamatanCounts, type KecamatanCounts } from './official-counts.ts';
import { parseAllocationRules, type AllocationRules } from './rules.ts';
import { waterFill, type FillTarget } from './water-filling.ts';

/** How one kecamatan's slots came about, with everything needed to check it by hand. */
export interface KecamatanQuota {
  readonly code: string;
  /** |E_k|: eligible households. */
  readonly eligible: number;
  /** w_k as the rules give it: the eligible count, the official count or the custom weight. */
  readonly weight: number;
  /** l_k and u_k, whole slots. */
  readonly lower: number;
  readonly upper: number;
  /** q_k exactly, as a fraction in lowest terms (`1217/4`). */
  readonly quota: string;
  /** a_k, whole slots. */
  readonly slots: number;
}

export interface KecamatanSplit {
  /** S = ⌊amount / benefitPerHousehold⌋. */
  readonly slots: number;
  /** Σ |E_k|. */
  readonly eligible: number;
  /**
   * `everyone` when S ≥ Σ |E_k| (every eligible household gets a slot; bounds and weights do not
   * bind, so l_k = u_k = q_k = |E_k|), otherwise `quota` (water-filling and largest remainders).
   */
  readonly method: 'everyone' | 'quota';
  /** Kecamatan with at least one eligible household, by code. */
  readonly kecamatan: readonly KecamatanQuota[];
}

interface Weighted {
  readonly code: string;
  readonly eligible: number;
  readonly weight: number;
  readonly exact: Decimal;
}

/**
 * Steps 2–4 of the allocation: how many slots each kecamatan gets, from the rules and the number of
 * eligible households per kecamatan alone. The full engine uses exactly this, so anyone holding a
 * published result can recompute its kecamatan split from its eligible counts.
 */
export function allocateKecamatan(
  rules: AllocationRules,
  eligibleCounts: KecamatanCounts,
  officialCounts: KecamatanCounts,
): KecamatanSplit {
  const validRules = parseAllocationRules(rules);
  const weighted = weightsOf(
    validRules,
    parseKecamatanCounts(eligibleCounts, 'eligibleCounts'),
    parseKecamatanCounts(officialCounts, 'official'),
  );
  const slots = Number(BigInt(validRules.amount) / BigInt(validRules.benefitPerHousehold));
  const eligible = weighted.reduce((sum, kecamatan) => sum + kecamatan.eligible, 0);
  if (slots >= eligible) {
    return {
      slots,
      eligible,
      method: 'everyone',
      kecamatan: weighted.map(({ code, eligible: count, weight }) => ({
        code,
        eligible: count,
        weight,
        lower: count,
        upper: count,
        quota: `${count}/1`,
        slots: count,
      })),
    };
  }
  return { slots, eligible, method: 'quota', kecamatan: splitByQuota(validRules, weighted, slots) };
}

/** The kecamatan that take part (eligible households, not excluded), by code, with their weights. */
function weightsOf(rules: AllocationRules, eligibleCounts: KecamatanCounts, official: KecamatanCounts): Weighted[] {
  const excluded = new Set(rules.kecamatan.exclude ?? []);
  const codes = Object.keys(eligibleCounts)
    .filter((code) => (eligibleCounts[code] ?? 0) > 0 && !excluded.has(code))
    .sort();
  const missing: Issue[] = [];
  const weighted = codes.map((code) => {
    const eligible = eligibleCounts[code] ?? 0;
    const weight =
      rules.kecamatan.weighting === 'eligible'
        ? eligible
        : rules.kecamatan.weighting === 'official'
          ? official[code]
          : rules.kecamatan.weights?.[code];
    if (weight === undefined) {
      missing.push(
        rules.kecamatan.weighting === 'official'
          ? { path: `official.${code}`, message: 'is missing: this kecamatan has eligible households' }
          : { path: `kecamatan.weights.${code}`, message: 'is missing: this kecamatan has eligible households' },
      );
    }
    return { code, eligible, weight: weight ?? 0, exact: decimalOf(weight ?? 0) };
  });
  if (missing.length > 0) {
    throw allocationError(
      rules.kecamatan.weighting === 'official' ? 'missing_official_count' : 'missing_weight',
      missing,
    );
  }
  return weighted;
}

function splitByQuota(rules: AllocationRules, weighted: readonly Weighted[], slots: number): KecamatanQuota[] {
  const capSlots = floorTimes(decimalOf(rules.kecamatan.capShare ?? 1), slots);
  const floorSlots = floorTimes(decimalOf(rules.kecamatan.floorShare ?? 0), slots);
  const scale = Math.max(0, ...weighted.map((kecamatan) => kecamatan.exact.scale));
  const targets: FillTarget[] = weighted.map((kecamatan) => {
    const upper = Math.min(kecamatan.eligible, capSlots);
    return { weight: scaledTo(kecamatan.exact, scale), lower: Math.min(upper, floorSlots), upper };
  });
  assertBoundsFit(targets, slots, floorSlots, capSlots);

  const quotas = waterFill(targets, slots);
  if (!quotas) throw weightsCannotFill(rules, targets, slots);
  const weights = targets.map((target) => target.weight);
  const rounded = roundQuotas(
    quotas,
    weights,
    weighted.map((kecamatan) => kecamatan.code),
    slots,
  );
  return weighted.map(({ code, eligible, weight }, index) => {
    const target = targets[index] as FillTarget;
    const whole = BigInt(quotas.whole[index] as number);
    return {
      code,
      eligible,
      weight,
      lower: target.lower,
      upper: target.upper,
      quota: formatFraction(whole * quotas.denominator + (quotas.remainder[index] as bigint), quotas.denominator),
      slots: rounded[index] as number,
    };
  });
}

function assertBoundsFit(targets: readonly FillTarget[], slots: number, floorSlots: number, capSlots: number): void {
  const lowest = targets.reduce((sum, target) => sum + target.lower, 0);
  if (lowest > slots) {
    throw allocationError('floor_too_high', [
      {
        path: 'kecamatan.floorShare',
        message: `promises each kecamatan at least ${floorSlots} slots, ${lowest} in all, but there are only ${slots} slots`,
      },
    ]);
  }
  const highest = targets.reduce((sum, target) => sum + target.upper, 0);
  if (highest < slots) {
    throw allocationError('cap_too_low', [
      {
        path: 'kecamatan.capShare',
        message: `lets each kecamatan take at most ${capSlots} slots, ${highest} in all, fewer than the ${slots} slots to place`,
      },
    ]);
  }
}

/** A weight of 0 keeps a kecamatan at its floor; the others may then all hit their caps too early. */
function weightsCannotFill(rules: AllocationRules, targets: readonly FillTarget[], slots: number) {
  const reachable = targets.reduce((sum, target) => sum + (target.weight > 0n ? target.upper : target.lower), 0);
  return allocationError('weights_cannot_fill', [
    {
      path: rules.kecamatan.weighting === 'official' ? 'official' : 'kecamatan.weights',
      message:
        `leave slots unplaced: kecamatan weighted 0 get only their floor and the others reach their caps ` +
        `at ${reachable} slots, fewer than the ${slots} slots to place`,
    },
  ]);
}
