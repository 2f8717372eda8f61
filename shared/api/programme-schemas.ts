import * as z from 'zod/mini';

import { isCalendarDate } from '../domain/calendar.ts';
import { funds } from '../domain/funds.ts';
import { earmarkCategories } from '../domain/pledges.ts';
import { followUpMonths, graduationKinds } from '../graduations/graduation.ts';
import { rupiahAmount } from './fields.ts';

/** Request bodies of programmes, stage targets and graduations (zod/mini, strict objects). */

export const programmeId = z.string({ error: 'must be a programme id such as makin-mesra' }).check(
  z.minLength(1, { error: 'must not be empty' }),
  z.maxLength(64, { error: 'must be at most 64 characters' }),
  z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, {
    error: 'must be lowercase letters and digits joined by single hyphens, e.g. makin-mesra',
  }),
);

const targetCode = z
  .string({ error: 'must be a target code such as usaha_berjalan' })
  .check(
    z.maxLength(64, { error: 'must be at most 64 characters' }),
    z.regex(/^[a-z][a-z0-9_]*$/u, { error: 'must be lowercase letters, digits and _, e.g. usaha_berjalan' }),
  );

/** A pseudonym as the registry publishes it: 32 lowercase hex characters. */
export const householdPseudonym = z
  .string({ error: 'must be a household pseudonym (32 lowercase hex characters)' })
  .check(z.regex(/^[0-9a-f]{32}$/u, { error: 'must be a household pseudonym (32 lowercase hex characters)' }));

const calendarDate = z
  .string({ error: 'must be a date written YYYY-MM-DD, e.g. 2026-11-20' })
  .check(z.refine((text) => isCalendarDate(text), { error: 'must be a date written YYYY-MM-DD, e.g. 2026-11-20' }));

const wholeNumber = (low: number, high: number) =>
  z
    .int({ error: `must be a whole number from ${low} to ${high}` })
    .check(
      z.minimum(low, { error: `must be a whole number from ${low} to ${high}` }),
      z.maximum(high, { error: `must be a whole number from ${low} to ${high}` }),
    );

export const trancheNumber = wholeNumber(1, 20);

const text = (min: number, max: number) =>
  z
    .string({ error: 'must be a string' })
    .check(
      z.trim(),
      z.minLength(min, { error: `must be at least ${min} character${min === 1 ? '' : 's'}` }),
      z.maxLength(max, { error: `must be at most ${max} characters` }),
    );

export const createProgrammeBody = z.strictObject({
  id: programmeId,
  name: text(2, 200),
  fund: z.optional(z.enum(funds, { error: `must be one of ${funds.join(', ')}` })),
  category: z.optional(z.enum(earmarkCategories, { error: `must be one of ${earmarkCategories.join(', ')}` })),
  tranches: z
    .array(z.strictObject({ tranche: trancheNumber, amount: rupiahAmount }), { error: 'must be a list of tranches' })
    .check(
      z.minLength(1, { error: 'must list at least one tranche' }),
      z.maxLength(20, { error: 'must list at most 20 tranches' }),
    ),
  stages: z
    .array(
      z.strictObject({
        stage: wholeNumber(1, 19),
        targets: z
          .array(targetCode, { error: 'must be a list of target codes' })
          .check(
            z.minLength(1, { error: 'must list at least one target' }),
            z.maxLength(20, { error: 'must list at most 20 targets' }),
          ),
      }),
      { error: 'must be a list of stages' },
    )
    .check(z.maxLength(19, { error: 'must list at most 19 stages' })),
});

export const recordTargetsBody = z.strictObject({
  household: householdPseudonym,
  stage: wholeNumber(1, 19),
  results: z.record(z.string(), z.boolean({ error: 'must be true or false' }), {
    error: 'must map every target code of the stage to true or false',
  }),
  checkedOn: calendarDate,
  note: z.optional(text(1, 500)),
});

export const recordGraduationBody = z.strictObject({
  household: householdPseudonym,
  kind: z.enum(graduationKinds, { error: `must be one of ${graduationKinds.join(', ')}` }),
  graduatedOn: calendarDate,
  reason: text(3, 500),
});

export const recordFollowUpBody = z.strictObject({
  months: z.literal(followUpMonths, { error: 'must be 6 or 12' }),
  checkedOn: calendarDate,
  fellBack: z.boolean({ error: 'must be true or false' }),
  note: z.optional(text(1, 500)),
});

export type CreateProgrammeBody = z.infer<typeof createProgrammeBody>;
export type RecordTargetsBody = z.infer<typeof recordTargetsBody>;
export type RecordGraduationBody = z.infer<typeof recordGraduationBody>;
export type RecordFollowUpBody = z.infer<typeof recordFollowUpBody>;
