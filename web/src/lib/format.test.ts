import { describe, expect, it } from 'vitest';
import {
  compliancePercent,
  formatCompliance,
  formatInteger,
  formatPercent,
  formatRupiah,
  formatShare,
  formatWita,
} from './format';

describe('formatRupiah', () => {
  it('formats rupiah with dots as thousand separators', () => {
    // Prepare
    const amount = 1234567;

    // Act
    const text = formatRupiah(amount);

    // Assess
    expect(text).toBe('Rp 1.234.567');
  });

  it('uses a plain space, not a non-breaking one, after "Rp"', () => {
    // Prepare
    const amount = 5000000000;

    // Act
    const text = formatRupiah(amount);

    // Assess
    expect(text).toBe('Rp 5.000.000.000');
    expect(text).not.toMatch(/[\u00a0\u202f]/);
  });

  it('formats zero rupiah', () => {
    // Prepare
    const amount = 0;

    // Act
    const text = formatRupiah(amount);

    // Assess
    expect(text).toBe('Rp 0');
  });

  it('rounds fractional amounts to whole rupiah', () => {
    // Prepare
    const amount = 999.6;

    // Act
    const text = formatRupiah(amount);

    // Assess
    expect(text).toBe('Rp 1.000');
  });
});

describe('formatInteger', () => {
  it('formats counts with dots as thousand separators', () => {
    // Prepare
    const households = 11417;

    // Act
    const text = formatInteger(households);

    // Assess
    expect(text).toBe('11.417');
  });
});

describe('compliancePercent', () => {
  it('divides confirmed by pledged as a percentage', () => {
    // Prepare
    const pledged = 2000000000;
    const confirmed = 750000000;

    // Act
    const percent = compliancePercent(pledged, confirmed);

    // Assess
    expect(percent).toBe(37.5);
  });

  it('returns null when nothing was pledged', () => {
    // Prepare
    const pledged = 0;
    const confirmed = 350000000;

    // Act
    const percent = compliancePercent(pledged, confirmed);

    // Assess
    expect(percent).toBeNull();
  });

  it('allows more than 100 % when more was confirmed than pledged', () => {
    // Prepare
    const pledged = 100;
    const confirmed = 150;

    // Act
    const percent = compliancePercent(pledged, confirmed);

    // Assess
    expect(percent).toBe(150);
  });
});

describe('formatPercent', () => {
  it('formats a percentage with a decimal comma and a spaced percent sign', () => {
    // Prepare
    const value = 37.5;

    // Act
    const text = formatPercent(value);

    // Assess
    expect(text).toBe('37,5 %');
  });

  it('rounds to one decimal place and drops a trailing zero', () => {
    // Prepare
    const values = [100 / 3, 100, 0];

    // Act
    const texts = values.map(formatPercent);

    // Assess
    expect(texts).toEqual(['33,3 %', '100 %', '0 %']);
  });

  it('shows a dash when there is no percentage', () => {
    // Prepare
    const value = null;

    // Act
    const text = formatPercent(value);

    // Assess
    expect(text).toBe('–');
  });
});

describe('formatShare', () => {
  it('formats a fraction as a percentage with one decimal and a decimal comma', () => {
    // Prepare
    const fraction = 0.1234;

    // Act
    const text = formatShare(fraction);

    // Assess
    expect(text).toBe('12,3 %');
  });

  it('keeps the decimal for zero and whole percentages', () => {
    // Prepare
    const fractions = [0, 1];

    // Act
    const texts = fractions.map(formatShare);

    // Assess
    expect(texts).toEqual(['0,0 %', '100,0 %']);
  });
});

describe('formatCompliance', () => {
  it('shows a dash when pledged is 0', () => {
    // Prepare
    const pledged = 0;
    const confirmed = 350000000;

    // Act
    const text = formatCompliance(pledged, confirmed);

    // Assess
    expect(text).toBe('–');
  });

  it('shows confirmed ÷ pledged as a percentage', () => {
    // Prepare
    const pledged = 2000000000;
    const confirmed = 750000000;

    // Act
    const text = formatCompliance(pledged, confirmed);

    // Assess
    expect(text).toBe('37,5 %');
  });
});

describe('formatWita', () => {
  it('formats a UTC timestamp in WITA (UTC+8) in Indonesian', () => {
    // Prepare
    const asOf = '2026-11-23T07:20:00.000Z';

    // Act
    const text = formatWita(asOf, 'id');

    // Assess
    expect(text).toBe('23 November 2026 15.20 WITA');
  });

  it('formats the same moment with English month names and a colon', () => {
    // Prepare
    const asOf = '2026-08-17T01:05:00.000Z';

    // Act
    const text = formatWita(asOf, 'en');

    // Assess
    expect(text).toBe('17 August 2026 09:05 WITA');
  });

  it('rolls over to the next day and year in WITA', () => {
    // Prepare
    const asOf = '2026-12-31T16:30:00.000Z';

    // Act
    const text = formatWita(asOf, 'id');

    // Assess
    expect(text).toBe('1 Januari 2027 00.30 WITA');
  });

  it('shows a dash for an invalid timestamp', () => {
    // Prepare
    const asOf = 'not a date';

    // Act
    const text = formatWita(asOf);

    // Assess
    expect(text).toBe('–');
  });
});
