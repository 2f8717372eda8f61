import * as z from 'zod/mini';

import { MAX_AMOUNT } from '../domain/money.ts';

/** Field schemas that API bodies and allocation rules share, so every amount is checked alike. */
export const rupiahAmount = z
  .int({
    error: (issue) =>
      typeof issue.input === 'number' && Number.isInteger(issue.input)
        ? 'must not exceed 1000000000000000 (10^15) rupiah'
        : 'must be a whole number of rupiah written as a JSON number, e.g. 1500000',
  })
  .check(
    z.positive({ error: 'must be more than zero rupiah' }),
    z.maximum(MAX_AMOUNT, { error: 'must not exceed 1000000000000000 (10^15) rupiah' }),
  );

export const kecamatanCode = z
  .string({ error: 'must be a kecamatan code like 63.71.01' })
  .check(z.regex(/^\d{2}\.\d{2}\.\d{2}$/u, { error: 'must be a kecamatan code like 63.71.01' }));
