import { describe, expect, it } from 'vitest';

import { formatRupiah, isValidAmount, MAX_AMOUNT, sumRupiah } from '../../shared/domain/money.ts';

describe('isValidAmount', () => {
  it.each([
    ['one rupiah', 1],
    ['a typical transfer', 1_500_000],
    ['exactly 10^15 rupiah', 10 ** 15],
  ])('accepts %s', (_label, amount) => {
    // Act
    const valid = isValidAmount(amount);
    // Assess
    expect(valid).toBe(true);
  });

  it.each([
    ['zero', 0],
    ['minus one', -1],
    ['a fraction of a rupiah', 1.5],
    ['10^15 + 1', 10 ** 15 + 1],
    ['2^53, outside the safe integers', 2 ** 53],
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
    ['a numeric string', '1000000'],
    ['a formatted string', 'Rp 1.000.000'],
    ['null', null],
    ['a bigint', 1000n],
  ])('refuses %s', (_label, amount) => {
    const valid = isValidAmount(amount);

    expect(valid).toBe(false);
  });

  it('puts the upper bound at 10^15 rupiah', () => {
    expect(MAX_AMOUNT).toBe(1_000_000_000_000_000);
  });
});

describe('formatRupiah', () => {
  it('prints Rp, a plain space and dots between thousands', () => {
    // Act
    const text = formatRupiah(1_234_567);
    // Assess
    expect(text).toBe('Rp 1.234.567');
    expect(text.charCodeAt(2)).toBe(0x20);
  });

  it('prints the largest amount without losing digits', () => {
    const text = formatRupiah(MAX_AMOUNT);

    expect(text).toBe('Rp 1.000.000.000.000.000');
  });

  it('contains no non-breaking or narrow spaces', () => {
    const text = formatRupiah(750_000_000);

    expect(text).not.toMatch(/[\u00a0\u202f\u2009]/u);
  });
});

describe('sumRupiah', () => {
  it('adds whole rupiah exactly', () => {
    // Act
    const total = sumRupiah([750_000_000, 250_000_000, 1]);
    // Assess
    expect(total).toBe(1_000_000_001);
  });

  it('gives zero for no amounts', () => {
    expect(sumRupiah([])).toBe(0);
  });

  it('refuses a total that leaves the safe integers instead of rounding', () => {
    // Prepare
    const amounts = [Number.MAX_SAFE_INTEGER, 1];
    // Act + Assess
    expect(() => sumRupiah(amounts)).toThrow(RangeError);
  });

  it('accepts a total exactly at the largest safe integer', () => {
    const total = sumRupiah([Number.MAX_SAFE_INTEGER - 1, 1]);

    expect(total).toBe(Number.MAX_SAFE_INTEGER);
  });
});
