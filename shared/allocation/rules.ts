import * as z from 'zod/mini';

import { funds } from '../domain/funds.ts';
import { allocationError } from './allocation-errors.ts';
import { isCalendarDate } from '../domain/calendar.ts';
import { kecamatanCode, rupiahAmount } from '../api/fields.ts';
import { toIssues } from '../api/issues.ts';

/**
 * The published rules of one allocation, validated with zod/mini (this module is bundled into
 * Lambdas). Objects are strict: a misspelt field is an error, never a silently ignored rule.
 */

export const weightings = ['eligible', 'official', 'custom'] as const;
export type Weighting = (typeof weightings)[number];

export { kecamatanCode };

const share = z
  .number({ error: 'must be a number from 0 to 1, e.g. 0.05 for 5%' })
  .check(
    z.minimum(0, { error: 'must be a number from 0 to 1, e.g. 0.05 for 5%' }),
    z.maximum(1, { error: 'must be a number from 0 to 1, e.g. 0.05 for 5%' }),
  );

const weight = z
  .number({ error: 'must be a non-negative number' })
  .check(z.minimum(0, { error: 'must be a non-negative number' }));

const yesNo = z.boolean({ error: 'must be true or false' });

const eligibility = z.strictObject({
  maxDesil: z
    .int({ error: 'must be a whole desil from 1 to 10' })
    .check(
      z.minimum(1, { error: 'must be a whole desil from 1 to 10' }),
      z.maximum(10, { error: 'must be a whole desil from 1 to 10' }),
    ),
  verifiedWithinMonths: z
    .int({ error: 'must be a whole number of months from 0 to 1200' })
    .check(
      z.minimum(0, { error: 'must be a whole number of months from 0 to 1200' }),
      z.maximum(1200, { error: 'must be a whole number of months from 0 to 1200' }),
    ),
  requireMustahik: yesNo,
  excludeGraduated: yesNo,
});

const kecamatan = z
  .strictObject({
    weighting: z.enum(weightings, { error: `must be one of ${weightings.join(', ')}` }),
    weights: z.optional(z.record(kecamatanCode, weight, { error: 'must map kecamatan codes to weights' })),
    floorShare: z.optional(share),
    capShare: z.optional(share),
    exclude: z.optional(z.array(kecamatanCode, { error: 'must be a list of kecamatan codes' })),
  })
  .check(
    z.superRefine((value, context) => {
      if (value.weighting === 'custom' && value.weights === undefined) {
        context.issues.push({
          code: 'custom',
          path: ['weights'],
          message: 'is required when weighting is custom',
          input: value,
        });
      }
      if (value.weighting !== 'custom' && value.weights !== undefined) {
        context.issues.push({
          code: 'custom',
          path: ['weights'],
          message: `is only used when weighting is custom, not ${value.weighting}`,
          input: value,
        });
      }
    }),
  );

export const allocationRulesSchema = z.strictObject({
  fund: z.enum(funds, { error: `must be one of ${funds.join(', ')}` }),
  amount: rupiahAmount,
  benefitPerHousehold: rupiahAmount,
  asOf: z.string({ error: 'must be a date written YYYY-MM-DD, e.g. 2026-11-20' }).check(
    z.refine((text) => isCalendarDate(text), { error: 'must be a date written YYYY-MM-DD, e.g. 2026-11-20' }),
    z.refine((text) => text >= '1900-01-01', { error: 'must be 1900-01-01 or later' }),
  ),
  eligibility,
  kecamatan,
});

export type AllocationRules = z.infer<typeof allocationRulesSchema>;

/** Validated rules, or an `invalid_rules` problem whose issues name every wrong field. */
export function parseAllocationRules(input: unknown): AllocationRules {
  const result = z.safeParse(allocationRulesSchema, input);
  if (!result.success) throw allocationError('invalid_rules', toIssues(result.error.issues, '(rules)'));
  return result.data;
}
