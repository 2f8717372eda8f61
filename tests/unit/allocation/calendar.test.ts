import { describe, expect, it } from 'vitest';

import { isCalendarDate, monthsBefore } from '../../../shared/domain/calendar.ts';

describe('monthsBefore', () => {
  it.each([
    ['2026-03-31', 1, '2026-02-28'],
    ['2024-03-31', 1, '2024-02-29'],
    ['2026-05-31', 1, '2026-04-30'],
    ['2026-03-15', 1, '2026-02-15'],
    ['2026-01-31', 2, '2025-11-30'],
    ['2026-03-31', 12, '2025-03-31'],
    ['2024-02-29', 12, '2023-02-28'],
    ['2026-03-31', 0, '2026-03-31'],
    ['2026-03-31', 27, '2023-12-31'],
  ])('%s minus %d months is %s', (date, months, expected) => {
    expect(monthsBefore(date, months)).toBe(expected);
  });
});

describe('isCalendarDate', () => {
  it.each(['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each(['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-1', '20260101'])(
    'refuses %s',
    (date) => {
      expect(isCalendarDate(date)).toBe(false);
    },
  );
});
