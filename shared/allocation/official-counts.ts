import * as z from 'zod/mini';

import { allocationError } from './allocation-errors.ts';
import { kecamatanCode } from './rules.ts';
import { toIssues } from '../api/issues.ts';

/** Households per kecamatan, by code: the official poor counts, or published eligible counts. */
export type KecamatanCounts = Readonly<Record<string, number>>;

export const kecamatanCountsSchema = z.record(
  kecamatanCode,
  z.int({ error: 'must be a whole number of households' }).check(z.minimum(0, { error: 'must not be negative' })),
  { error: 'must map kecamatan codes to household counts' },
);

/** The counts, validated; issues are named `<field>.<code>`, e.g. `official.63.71.01`. */
export function parseKecamatanCounts(
  input: unknown,
  field: 'official' | 'eligibleCounts',
): Readonly<Record<string, number>> {
  const result = z.safeParse(kecamatanCountsSchema, input);
  if (result.success) return result.data;
  const issues = toIssues(
    result.error.issues.map((issue) => ({ ...issue, path: [field, ...issue.path] })),
    field,
  );
  throw allocationError(field === 'official' ? 'invalid_official_counts' : 'invalid_eligible_counts', issues);
}
