import { describe, expect, it } from 'vitest';

import { decimalOf, floorTimes, scaledTo } from '../../../shared/allocation/decimal.ts';
import { formatFraction } from '../../../shared/allocation/fraction.ts';

describe('decimalOf', () => {
  it.each([
    [0.1, 1n, 1],
    [0.25, 25n, 2],
    [12, 12n, 0],
    [1e-7, 1n, 7],
    [0, 0n, 0],
    [1.5e21, 1_500_000_000_000_000_000_000n, 0],
  ])('reads %d as its shortest decimal, %d / 10^%d', (value, digits, scale) => {
    expect(decimalOf(value)).toEqual({ digits, scale });
  });

  it('refuses a negative number', () => {
    expect(() => decimalOf(-1)).toThrow(RangeError);
  });
});

describe('floorTimes', () => {
  it('multiplies exactly where floating point falls just short', () => {
    // Prepare: 0.29 * 100 is 28.999999999999996 in floating point
    const share = decimalOf(0.29);
    // Act
    const slots = floorTimes(share, 100);
    // Assess
    expect(slots).toBe(29);
  });

  it('rounds a fractional product down', () => {
    expect(floorTimes(decimalOf(0.05), 99)).toBe(4);
  });
});

describe('scaledTo', () => {
  it('turns decimals with different scales into integers over one denominator', () => {
    expect([scaledTo(decimalOf(0.1), 3), scaledTo(decimalOf(2), 3), scaledTo(decimalOf(0.125), 3)]).toEqual([
      100n,
      2000n,
      125n,
    ]);
  });
});

describe('formatFraction', () => {
  it('writes a fraction in lowest terms', () => {
    expect(formatFraction(30n, 12n)).toBe('5/2');
  });

  it('keeps the slash for a whole number', () => {
    expect(formatFraction(14n, 2n)).toBe('7/1');
  });
});
