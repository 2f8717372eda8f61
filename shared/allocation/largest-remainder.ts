import type { Quotas } from './water-filling.ts';

/**
 * Whole slots from exact quotas: every kecamatan keeps ⌊q_k⌋ and the slots still missing go one
 * each to the largest fractional parts. Ties go to the larger weight, then the smaller code, so
 * the result never depends on input order. A kecamatan with a fractional part is strictly below
 * its upper bound, so the extra slot never breaks a cap.
 */
export function roundQuotas(
  quotas: Quotas,
  weights: readonly bigint[],
  codes: readonly string[],
  total: number,
): number[] {
  const slots = [...quotas.whole];
  let missing = total - slots.reduce((sum, whole) => sum + whole, 0);
  const candidates = slots.map((_, index) => index).filter((index) => (quotas.remainder[index] as bigint) > 0n);
  candidates.sort((a, b) => {
    const byFraction = compareBigInt(quotas.remainder[b] as bigint, quotas.remainder[a] as bigint);
    if (byFraction !== 0) return byFraction;
    const byWeight = compareBigInt(weights[b] as bigint, weights[a] as bigint);
    if (byWeight !== 0) return byWeight;
    return (codes[a] as string) < (codes[b] as string) ? -1 : 1;
  });
  for (const index of candidates) {
    if (missing === 0) break;
    slots[index] = (slots[index] as number) + 1;
    missing -= 1;
  }
  if (missing !== 0) throw new Error(`rounding left ${missing} slots unplaced; the quotas do not sum to ${total}`);
  return slots;
}

function compareBigInt(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
