function greatestCommonDivisor(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** `p/q` in lowest terms, always with the slash (`7/1` for a whole number), so it parses one way. */
export function formatFraction(numerator: bigint, denominator: bigint): string {
  const divisor = greatestCommonDivisor(numerator, denominator) || 1n;
  return `${numerator / divisor}/${denominator / divisor}`;
}
