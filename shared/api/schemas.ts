import * as z from 'zod/mini';

import { funds } from '../domain/funds.ts';
import { organisationKinds } from '../domain/organisations.ts';
import { earmarkCategories } from '../domain/pledges.ts';
import { kecamatanCode, rupiahAmount } from './fields.ts';
import { programmeId, trancheNumber } from './programme-schemas.ts';
import { parseIsoInstant } from './iso-date.ts';

/**
 * Request bodies, validated with zod/mini (full zod would add ~450 KB to every Lambda bundle).
 * Objects are strict: an unknown field is an error, never silently dropped.
 */

const identifier = z
  .string({ error: 'must be an id string' })
  .check(
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(64, { error: 'must be at most 64 characters' }),
    z.regex(/^[A-Za-z0-9_-]+$/u, { error: 'must contain only letters, digits, _ and -' }),
  );

const instant = z.string({ error: 'must be an ISO 8601 date or date-time' }).check(
  z.refine((text) => parseIsoInstant(text) !== undefined, {
    error: 'must be an ISO 8601 date (2026-11-20) or date-time with offset (2026-11-20T10:15:00+08:00)',
  }),
);

const npwp = z.string({ error: 'must be a string' }).check(
  z.refine((text) => /^\d{15,16}$/u.test(text.replace(/[.\-\s]/gu, '')), {
    error: 'must be a 15- or 16-digit NPWP, e.g. 01.234.567.8-901.000',
  }),
);

export const createOrganisationBody = z.strictObject({
  name: z
    .string({ error: 'must be a string' })
    .check(
      z.trim(),
      z.minLength(2, { error: 'must be at least 2 characters' }),
      z.maxLength(200, { error: 'must be at most 200 characters' }),
    ),
  kind: z.enum(organisationKinds, { error: `must be one of ${organisationKinds.join(', ')}` }),
  npwp: z.optional(npwp),
});

export const earmark = z
  .strictObject({
    kecamatan: z.optional(
      z
        .array(kecamatanCode)
        .check(
          z.minLength(1, { error: 'must list at least one kecamatan' }),
          z.maxLength(100, { error: 'must list at most 100 kecamatan' }),
        ),
    ),
    category: z.optional(z.enum(earmarkCategories, { error: `must be one of ${earmarkCategories.join(', ')}` })),
  })
  .check(
    z.refine((value) => value.kecamatan !== undefined || value.category !== undefined, {
      error: 'must restrict kecamatan, category or both',
    }),
  );

export const createPledgeBody = z.strictObject({
  orgId: identifier,
  amount: rupiahAmount,
  fiscalYear: z
    .int({ error: 'must be a whole year, e.g. 2027' })
    .check(z.minimum(2000, { error: 'must be 2000 or later' }), z.maximum(2100, { error: 'must be 2100 or earlier' })),
  earmark: z.optional(earmark),
});

export const declareContributionBody = z.strictObject({
  orgId: identifier,
  pledgeId: z.optional(identifier),
  fund: z.enum(funds, { error: `must be one of ${funds.join(', ')}` }),
  amount: rupiahAmount,
  transferRef: z
    .string({ error: 'must be the bank transfer reference as a string' })
    .check(
      z.trim(),
      z.minLength(3, { error: 'must be at least 3 characters' }),
      z.maxLength(64, { error: 'must be at most 64 characters' }),
      z.regex(/^[\x20-\x7E]+$/u, { error: 'must contain printable ASCII characters only' }),
    ),
  transferredAt: instant,
});

export const emptyBody = z.strictObject({});

export type CreateOrganisationBody = z.infer<typeof createOrganisationBody>;
export type CreatePledgeBody = z.infer<typeof createPledgeBody>;
export type DeclareContributionBody = z.infer<typeof declareContributionBody>;

/** The rules are checked by the allocation engine's own schema, which names each field under `rules.`. */
export const proposeAllocationBody = z.strictObject({
  programme: z.optional(
    z
      .string({ error: 'must be a string' })
      .check(
        z.trim(),
        z.minLength(1, { error: 'must not be empty' }),
        z.maxLength(120, { error: 'must be at most 120 characters' }),
      ),
  ),
  /** A staged programme (POST /api/programmes) and which of its tranches this proposal pays. */
  programmeId: z.optional(programmeId),
  tranche: z.optional(trancheNumber),
  /** The category the lines spend on; defaults to the programme's. */
  category: z.optional(z.enum(earmarkCategories, { error: `must be one of ${earmarkCategories.join(', ')}` })),
  rules: z.unknown(),
});
