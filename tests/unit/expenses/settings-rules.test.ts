import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';

import { recordExpenseBody, updateSettingsBody } from '../../../shared/api/expense-schemas.ts';
import { settingsIssues } from '../../../shared/settings/update-settings.ts';

describe('settingsIssues', () => {
  it('accepts the caps the law allows', () => {
    const issues = settingsIssues({
      householdAnnualCap: 6_000_000,
      ceremonialCap: { CSR: 0.05, INFAK: 0.01, ZAKAT: 0 },
      amilCap: { ZAKAT: 0.125, INFAK: 0.2, CSR: 0 },
    });

    expect(issues).toEqual([]);
  });

  it('refuses a ceremonial share for zakat', () => {
    expect(settingsIssues({ ceremonialCap: { ZAKAT: 0.01 } }).map((issue) => issue.path)).toEqual([
      'ceremonialCap.ZAKAT',
    ]);
  });

  it('refuses a zakat amil share above 12.5 %', () => {
    const [issue] = settingsIssues({ amilCap: { ZAKAT: 0.125001 } });

    expect(issue?.path).toBe('amilCap.ZAKAT');
    expect(issue?.message).toContain('UU 23/2011');
  });

  it('refuses an amil share for CSR', () => {
    expect(settingsIssues({ amilCap: { CSR: 0.01 } }).map((issue) => issue.path)).toEqual(['amilCap.CSR']);
  });
});

describe('updateSettingsBody', () => {
  it.each([
    ['a share above 1', { ceremonialCap: { CSR: 1.5 } }],
    ['a negative share', { amilCap: { INFAK: -0.1 } }],
    ['a share as a string', { ceremonialCap: { CSR: '5%' } }],
    ['a share finer than a millionth', { ceremonialCap: { CSR: 0.0000001 } }],
    ['an unknown fund', { ceremonialCap: { WAKAF: 0.1 } }],
    ['a fractional household cap', { householdAnnualCap: 1.5 }],
    ['no change at all', {}],
  ])('refuses %s', (_label, body) => {
    expect(z.safeParse(updateSettingsBody, body).success).toBe(false);
  });

  it('accepts lifting the household cap with null', () => {
    expect(z.safeParse(updateSettingsBody, { householdAnnualCap: null }).success).toBe(true);
  });
});

describe('recordExpenseBody', () => {
  const valid = { fund: 'CSR', amount: 1_000_000, category: 'training', description: 'Pelatihan menjahit' };

  it('accepts a city-wide expense without a date', () => {
    expect(z.safeParse(recordExpenseBody, valid).success).toBe(true);
  });

  it.each([
    ['an unknown category', { category: 'souvenir' }],
    ['an impossible date', { spentOn: '2027-02-30' }],
    ['a date-time instead of a date', { spentOn: '2027-02-03T10:00:00Z' }],
    ['a malformed kecamatan', { kecamatan: '6371' }],
    ['an empty description', { description: '  ' }],
    ['a fractional amount', { amount: 10.5 }],
  ])('refuses %s', (_label, overrides) => {
    expect(z.safeParse(recordExpenseBody, { ...valid, ...overrides }).success).toBe(false);
  });
});
