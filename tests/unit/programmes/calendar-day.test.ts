import { describe, expect, it } from 'vitest';

import { todayIn } from '../../../shared/programmes/calendar-day.ts';

describe('todayIn', () => {
  it("gives Banjarmasin's date in WITA (UTC+8), already the next day at 17:00 UTC", () => {
    // Act + Assess
    expect(todayIn('63.71.01', new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });

  it("gives Jakarta's date in WIB (UTC+7), still the same day at 16:59 UTC", () => {
    // Act + Assess
    expect(todayIn('31.72.04', new Date('2026-11-23T16:59:00Z'))).toBe('2026-11-23');
  });
});
