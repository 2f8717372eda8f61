import { describe, expect, it } from 'vitest';

import { parseIsoInstant } from '../../shared/api/iso-date.ts';

describe('parseIsoInstant', () => {
  it('takes a calendar date as UTC midnight', () => {
    // Act
    const instant = parseIsoInstant('2026-11-20');
    // Assess
    expect(instant?.toISOString()).toBe('2026-11-20T00:00:00.000Z');
  });

  it('applies the offset of a date-time (WITA, +08:00)', () => {
    expect(parseIsoInstant('2026-11-20T10:15:00+08:00')?.toISOString()).toBe('2026-11-20T02:15:00.000Z');
  });

  it('accepts Z as the offset', () => {
    expect(parseIsoInstant('2026-11-20T10:15:00Z')?.toISOString()).toBe('2026-11-20T10:15:00.000Z');
  });

  it('accepts a negative offset', () => {
    expect(parseIsoInstant('2026-11-20T10:15:00-05:00')?.toISOString()).toBe('2026-11-20T15:15:00.000Z');
  });

  it('accepts fractional seconds', () => {
    expect(parseIsoInstant('2026-11-20T10:15:00.123Z')?.toISOString()).toBe('2026-11-20T10:15:00.123Z');
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseIsoInstant('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it.each([
    ['30 February', '2026-02-30'],
    ['29 February in a common year', '2026-02-29'],
    ['month 13', '2026-13-01'],
    ['day 0', '2026-11-00'],
    ['31 November', '2026-11-31'],
    ['30 February in a date-time', '2026-02-30T10:00:00+08:00'],
  ])('rejects an impossible date: %s', (_label, text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
  });

  it('rejects a date-time without an offset, which would depend on the server clock zone', () => {
    expect(parseIsoInstant('2026-11-20T10:15:00')).toBeUndefined();
  });

  it.each([
    ['garbage', 'yesterday'],
    ['an empty string', ''],
    ['a local date format', '20/11/2026'],
    ['a date without dashes', '20261120'],
    ['an hour 25', '2026-11-20T25:00:00Z'],
    ['a minute 60', '2026-11-20T10:60:00Z'],
    ['trailing text', '2026-11-20 and more'],
    ['a two-digit year', '26-11-20'],
  ])('rejects %s', (_label, text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
  });
});
