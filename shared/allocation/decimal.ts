/** A non-negative exact decimal number: `digits / 10^scale`. */
export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

// What `String(number)` prints for a finite non-negative number: `12`, `0.1`, `1e-7`, `1.5e+21`.
const shortestDecimal = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/u;

/**
 * The exact value a JSON number was written as. JavaScript prints a number with the fewest digits
 * that read back to the same double, so `0.1` becomes 1/10 and not the double's binary value
 * 0.1000000000000000055511151231257827…, which is what arithmetic on the number would use.
 */
export function decimalOf(value: number): Decimal {
  const match = shortestDecimal.exec(String(value));
  if (!match) throw new RangeError(`${value} is not a finite, non-negative number`);
  const [, whole = '', fraction = '', exponent = '0'] = match;
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/** ⌊decimal · whole⌋, exactly. */
export function floorTimes(decimal: Decimal, whole: number): number {
  return Number((decimal.digits * BigInt(whole)) / 10n ** BigInt(decimal.scale));
}

/** The decimal as an integer after multiplying by 10^scale (scale at least the decimal's own). */
export function scaledTo(decimal: Decimal, scale: number): bigint {
  return decimal.digits * 10n ** BigInt(scale - decimal.scale);
}
