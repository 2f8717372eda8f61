/** One kecamatan for water-filling: an integer weight (scaled, exact) and whole-slot bounds. */
export interface FillTarget {
  readonly weight: bigint;
  readonly lower: number;
  readonly upper: number;
}

/**
 * The continuous quotas q_k = clamp(λ·w_k, l_k, u_k) with Σ q_k = total, each held exactly as
 * `whole[k] + remainder[k] / denominator`. The denominator is shared, so fractional parts compare
 * by their remainders alone.
 */
export interface Quotas {
  readonly whole: readonly number[];
  readonly remainder: readonly bigint[];
  readonly denominator: bigint;
}

interface Breakpoint {
  /** λ at this point is `bound / weight`: where the kecamatan starts rising (lower) or stops (upper). */
  readonly bound: bigint;
  readonly weight: bigint;
  readonly starts: boolean;
}

function compareBreakpoints(a: Breakpoint, b: Breakpoint): number {
  const left = a.bound * b.weight;
  const right = b.bound * a.weight;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Finds λ exactly. Σ clamp(λ·w_k, l_k, u_k) is piecewise linear in λ and only bends where some
 * kecamatan starts (λ = l_k/w_k) or stops (λ = u_k/w_k) rising; sorting those 2K breakpoints and
 * walking them once finds the segment where the sum reaches the total, and λ = (total − constant
 * part) / (sum of rising weights) there. O(K log K) with bigint rationals, no floating point.
 * Returns undefined when even the highest water level leaves slots unplaced.
 */
export function waterFill(targets: readonly FillTarget[], total: number): Quotas | undefined {
  const goal = BigInt(total);
  let constant = 0n;
  let risingWeight = 0n;
  const breakpoints: Breakpoint[] = [];
  for (const target of targets) {
    constant += BigInt(target.lower);
    if (target.weight > 0n && target.lower < target.upper) {
      breakpoints.push({ bound: BigInt(target.lower), weight: target.weight, starts: true });
      breakpoints.push({ bound: BigInt(target.upper), weight: target.weight, starts: false });
    }
  }
  if (constant > goal) return undefined;
  if (constant === goal) return quotasAt(targets, 0n, 1n);

  breakpoints.sort(compareBreakpoints);
  for (let group = 0; group < breakpoints.length;) {
    const at = breakpoints[group] as Breakpoint;
    // The sum at this breakpoint, reached along the current segment: constant + λ·risingWeight.
    if (constant * at.weight + at.bound * risingWeight >= goal * at.weight) {
      return quotasAt(targets, goal - constant, risingWeight);
    }
    let next = group;
    for (; next < breakpoints.length && compareBreakpoints(breakpoints[next] as Breakpoint, at) === 0; next += 1) {
      const point = breakpoints[next] as Breakpoint;
      if (point.starts) {
        constant -= point.bound;
        risingWeight += point.weight;
      } else {
        constant += point.bound;
        risingWeight -= point.weight;
      }
    }
    group = next;
  }
  return undefined;
}

/** Every quota at λ = numerator / denominator. */
function quotasAt(targets: readonly FillTarget[], numerator: bigint, denominator: bigint): Quotas {
  const whole: number[] = [];
  const remainder: bigint[] = [];
  for (const target of targets) {
    const level = numerator * target.weight;
    if (level <= BigInt(target.lower) * denominator) {
      whole.push(target.lower);
      remainder.push(0n);
    } else if (level >= BigInt(target.upper) * denominator) {
      whole.push(target.upper);
      remainder.push(0n);
    } else {
      whole.push(Number(level / denominator));
      remainder.push(level % denominator);
    }
  }
  return { whole, remainder, denominator };
}
