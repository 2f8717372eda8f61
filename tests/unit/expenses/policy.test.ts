import { describe, expect, it } from 'vitest';

import { isProblem } from '../../../shared/domain/errors.ts';
import { defaultPolicySettings, type PolicySettings } from '../../../shared/domain/settings.ts';
import {
  assertCategoryAllowed,
  assertFundCovers,
  capLimit,
  checkSpendingCap,
  effectiveShare,
  formatShare,
  isExactShare,
  noMatchingFunds,
  statsCounterOf,
  type CapInput,
} from '../../../shared/expenses/policy.ts';

function refusal(act: () => unknown): { status: number; code: string; message: string; paths: string[] } {
  try {
    act();
  } catch (error) {
    if (!isProblem(error)) throw error;
    return {
      status: error.statusCode,
      code: error.code,
      message: error.message,
      paths: error.issues.map((issue) => issue.path),
    };
  }
  throw new Error('expected a refusal');
}

const settings: PolicySettings = {
  ...defaultPolicySettings,
  ceremonialCap: { CSR: 0.05, ZAKAT: 0, INFAK: 0.02 },
};

function capInput(overrides: Partial<CapInput> = {}): CapInput {
  return {
    fund: 'CSR',
    category: 'banner',
    amount: 100_000,
    fiscalYear: 2027,
    totals: { confirmed: 10_000_000, ceremonial: 0, amil: 0 },
    settings,
    ...overrides,
  };
}

describe('capLimit', () => {
  it.each([
    [0.05, 10_000_000, 500_000],
    [0.125, 1_000_001, 125_000],
    [0.29, 100, 29],
    [0, 10_000_000, 0],
    [1, 1_000_000_000_000_000, 1_000_000_000_000_000],
    [0.000001, 999_999, 0],
  ])('allows floor(%s × %s) = %s rupiah, exactly', (share, confirmed, limit) => {
    expect(capLimit(share, confirmed)).toBe(limit);
  });
});

describe('isExactShare', () => {
  it.each([0, 1, 0.125, 0.0275, 0.000001])('accepts %s', (share) => {
    expect(isExactShare(share)).toBe(true);
  });

  it.each([0.0000001, 1 / 3])('refuses %s, finer than a millionth', (share) => {
    expect(isExactShare(share)).toBe(false);
  });
});

describe('formatShare', () => {
  it('writes shares as Indonesian percentages', () => {
    expect([formatShare(0.125), formatShare(0), formatShare(0.05)]).toEqual(['12,5%', '0%', '5%']);
  });
});

describe('effectiveShare', () => {
  it('keeps zakat ceremonial spending at 0 whatever was saved', () => {
    const saved = { ...settings, ceremonialCap: { CSR: 0, ZAKAT: 0.5, INFAK: 0 } };

    expect(effectiveShare(saved, 'ceremonial', 'ZAKAT')).toBe(0);
  });

  it('keeps the zakat amil share at 12.5 % at most whatever was saved', () => {
    const saved = { ...settings, amilCap: { CSR: 0, ZAKAT: 0.2, INFAK: 0.3 } };

    expect(effectiveShare(saved, 'amil', 'ZAKAT')).toBe(0.125);
    expect(effectiveShare(saved, 'amil', 'INFAK')).toBe(0.3);
  });

  it('gives CSR no amil share', () => {
    const saved = { ...settings, amilCap: { CSR: 0.1, ZAKAT: 0.1, INFAK: 0.1 } };

    expect(effectiveShare(saved, 'amil', 'CSR')).toBe(0);
  });
});

describe('assertCategoryAllowed', () => {
  it.each(['ceremony', 'banner', 'event_catering', 'plaque', 'publicity'] as const)(
    'refuses zakat for the ceremonial category %s, naming category',
    (category) => {
      const refused = refusal(() => assertCategoryAllowed('ZAKAT', category));

      expect(refused).toMatchObject({ status: 422, code: 'ceremonial_refused', paths: ['category'] });
      expect(refused.message).toContain('Zakat money may never pay for ceremonial spending');
    },
  );

  it('refuses amil from CSR', () => {
    expect(refusal(() => assertCategoryAllowed('CSR', 'amil'))).toMatchObject({
      status: 422,
      code: 'amil_not_allowed',
      paths: ['category'],
    });
  });

  it.each([
    ['ZAKAT', 'amil'],
    ['ZAKAT', 'education'],
    ['CSR', 'banner'],
    ['INFAK', 'amil'],
    ['INFAK', 'publicity'],
  ] as const)('lets %s pay for %s (subject to the caps)', (fund, category) => {
    expect(() => assertCategoryAllowed(fund, category)).not.toThrow();
  });
});

describe('checkSpendingCap', () => {
  it('lets a programme expense through without a cap', () => {
    expect(checkSpendingCap(capInput({ category: 'education', amount: 9_000_000 }))).toBeUndefined();
  });

  it('allows ceremonial spending up to exactly the cap, and says what the counter may hold before', () => {
    const allowance = checkSpendingCap(
      capInput({ amount: 200_000, totals: { confirmed: 10_000_000, ceremonial: 300_000, amil: 0 } }),
    );

    expect(allowance).toEqual({ counter: 'ceremonial', limit: 500_000, limitBefore: 300_000 });
  });

  it('refuses ceremonial spending one rupiah over the cap, in Rupiah and percent', () => {
    const refused = refusal(() =>
      checkSpendingCap(capInput({ amount: 200_001, totals: { confirmed: 10_000_000, ceremonial: 300_000, amil: 0 } })),
    );

    expect(refused).toMatchObject({ status: 422, code: 'ceremonial_cap_exceeded', paths: ['amount'] });
    expect(refused.message).toContain('5%');
    expect(refused.message).toContain('Rp 500.000');
    expect(refused.message).toContain('Rp 300.000 is already spent');
    expect(refused.message).toContain('by Rp 1');
    expect(refused.message).toContain('ceremonialCap.CSR');
  });

  it('refuses any ceremonial spending under the default cap of 0 %', () => {
    const refused = refusal(() => checkSpendingCap(capInput({ settings: defaultPolicySettings, amount: 1 })));

    expect(refused.code).toBe('ceremonial_cap_exceeded');
    expect(refused.message).toContain('0%');
  });

  it('refuses ceremonial spending when the fund received nothing in that fiscal year', () => {
    const refused = refusal(() =>
      checkSpendingCap(capInput({ fiscalYear: 2026, totals: { confirmed: 0, ceremonial: 0, amil: 0 } })),
    );

    expect(refused.code).toBe('ceremonial_cap_exceeded');
    expect(refused.message).toContain('in 2026');
  });

  it('refuses zakat for a ceremony before any cap is looked at', () => {
    expect(refusal(() => checkSpendingCap(capInput({ fund: 'ZAKAT' }))).code).toBe('ceremonial_refused');
  });

  it('allows zakat amil up to 12.5 % of the zakat confirmed in the year', () => {
    const allowance = checkSpendingCap(
      capInput({
        fund: 'ZAKAT',
        category: 'amil',
        amount: 1_250_000,
        totals: { confirmed: 10_000_000, ceremonial: 0, amil: 0 },
      }),
    );

    expect(allowance).toEqual({ counter: 'amil', limit: 1_250_000, limitBefore: 0 });
  });

  it('refuses zakat amil above 12.5 %, citing the law', () => {
    const refused = refusal(() =>
      checkSpendingCap(
        capInput({
          fund: 'ZAKAT',
          category: 'amil',
          amount: 1,
          totals: { confirmed: 10_000_000, ceremonial: 0, amil: 1_250_000 },
        }),
      ),
    );

    expect(refused).toMatchObject({ status: 422, code: 'amil_cap_exceeded', paths: ['amount'] });
    expect(refused.message).toContain('12,5%');
    expect(refused.message).toContain('UU 23/2011');
  });

  it('counts amil and ceremonial spending separately', () => {
    const allowance = checkSpendingCap(
      capInput({ fund: 'INFAK', category: 'amil', amount: 100, totals: { confirmed: 1_000, ceremonial: 20, amil: 0 } }),
    );

    expect(allowance).toEqual({ counter: 'amil', limit: 125, limitBefore: 25 });
  });
});

describe('assertFundCovers', () => {
  it('allows spending the whole available balance', () => {
    expect(() => assertFundCovers('CSR', 1_000_000, 1_000_000)).not.toThrow();
  });

  it('refuses one rupiah more than the fund holds', () => {
    const refused = refusal(() => assertFundCovers('INFAK', 1_000_001, 1_000_000));

    expect(refused).toMatchObject({ status: 422, code: 'insufficient_fund', paths: ['amount'] });
    expect(refused.message).toContain('Rp 1.000.000 available');
  });
});

describe('noMatchingFunds', () => {
  it('says how much is missing and where', () => {
    const problem = noMatchingFunds('CSR', 1_000_000, 400_000, undefined);

    expect(problem.code).toBe('no_matching_funds');
    expect(problem.message).toContain('Only Rp 600.000');
    expect(problem.message).toContain('city-wide');
    expect(problem.message).toContain('Rp 400.000 is missing');
  });
});

describe('statsCounterOf', () => {
  it.each([
    ['banner', 'ceremonial'],
    ['publicity', 'ceremonial'],
    ['amil', 'programme'],
    ['clean_water', 'programme'],
  ] as const)('counts %s as %s for the contributor', (category, counter) => {
    expect(statsCounterOf(category)).toBe(counter);
  });
});
