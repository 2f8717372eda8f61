import * as z from 'zod/mini';

import { expenseCategories } from '../domain/expense-categories.ts';
import { funds } from '../domain/funds.ts';
import { isCalendarDate } from '../registry/calendar-date.ts';
import { isExactShare } from '../expenses/policy.ts';
import { kecamatanCode, rupiahAmount } from './fields.ts';

/** Request bodies of the expense and settings routes (zod/mini, strict objects). */

const shareError = 'must be a share between 0 and 1 written as a JSON number, e.g. 0.05 for 5 %';

/** A fraction of the fund's confirmed money: 0 … 1, exact to the millionth (0.0001 %). */
export const share = z
  .number({ error: shareError })
  .check(
    z.minimum(0, { error: shareError }),
    z.maximum(1, { error: shareError }),
    z.refine(isExactShare, { error: 'must have at most 6 decimals (0.000001 = 0.0001 %)' }),
  );

const fundShares = z.strictObject({
  CSR: z.optional(share),
  ZAKAT: z.optional(share),
  INFAK: z.optional(share),
});

export const updateSettingsBody = z
  .strictObject({
    householdAnnualCap: z.optional(z.nullable(rupiahAmount)),
    ceremonialCap: z.optional(fundShares),
    amilCap: z.optional(fundShares),
  })
  .check(
    z.refine(
      (body) => body.householdAnnualCap !== undefined || body.ceremonialCap !== undefined || body.amilCap !== undefined,
      { error: 'must change at least one of householdAnnualCap, ceremonialCap, amilCap' },
    ),
  );

export const recordExpenseBody = z.strictObject({
  fund: z.enum(funds, { error: `must be one of ${funds.join(', ')}` }),
  amount: rupiahAmount,
  category: z.enum(expenseCategories, { error: `must be one of ${expenseCategories.join(', ')}` }),
  description: z
    .string({ error: 'must be a string' })
    .check(
      z.trim(),
      z.minLength(3, { error: 'must be at least 3 characters' }),
      z.maxLength(500, { error: 'must be at most 500 characters' }),
    ),
  kecamatan: z.optional(kecamatanCode),
  spentOn: z.optional(
    z
      .string({ error: 'must be a date like 2027-03-31' })
      .check(z.refine(isCalendarDate, { error: 'must be a real date written YYYY-MM-DD, e.g. 2027-03-31' })),
  ),
});

export type UpdateSettingsBody = z.infer<typeof updateSettingsBody>;
export type RecordExpenseBody = z.infer<typeof recordExpenseBody>;
