import * as z from 'zod/mini';

import { channels } from './disbursement.ts';
import { rupiahAmount } from '../api/fields.ts';
import { parseIsoInstant } from '../api/iso-date.ts';

/**
 * Request bodies of the disbursement routes. The batch CSV's rows go through `paymentRequest` too
 * (shared/disbursements/disbursement-csv.ts), so a row and a JSON body are checked alike.
 */

/** Line ids are `<proposal id>-<8-digit index>`, e.g. `alc_01JD…-00000001`. */
const lineId = z
  .string({ error: 'must be a proposal line id' })
  .check(
    z.trim(),
    z.regex(/^[A-Za-z0-9_]{1,64}-\d{8}$/u, { error: 'must be a proposal line id like alc_01JD…-00000001' }),
  );

const reference = z
  .string({ error: 'must be the payment reference as a string' })
  .check(
    z.trim(),
    z.minLength(3, { error: 'must be at least 3 characters' }),
    z.maxLength(64, { error: 'must be at most 64 characters' }),
    z.regex(/^[\x20-\x7E]+$/u, { error: 'must contain printable ASCII characters only' }),
  );

const paidAt = z.string({ error: 'must be an ISO 8601 date or date-time' }).check(
  z.trim(),
  z.refine((text) => parseIsoInstant(text) !== undefined, {
    error: 'must be an ISO 8601 date (2026-11-20) or date-time with offset (2026-11-20T10:15:00+08:00)',
  }),
);

export const sha256Hex = z
  .string({ error: 'must be the SHA-256 of an uploaded evidence file (64 hex characters)' })
  .check(
    z.trim(),
    z.regex(/^[0-9A-Fa-f]{64}$/u, { error: 'must be the SHA-256 of an uploaded evidence file (64 hex characters)' }),
    z.toLowerCase(),
  );

export const paymentRequest = z.strictObject({
  lineId,
  reference,
  paidAt,
  channel: z.enum(channels, { error: `must be one of ${channels.join(', ')}` }),
  evidenceSha256: sha256Hex,
  amount: z.optional(rupiahAmount),
});

export const recordDisbursementBody = paymentRequest;

export const failDisbursementBody = z.strictObject({
  reason: z
    .string({ error: 'must say why the payment failed or was returned' })
    .check(
      z.trim(),
      z.minLength(3, { error: 'must say why the payment failed or was returned (at least 3 characters)' }),
      z.maxLength(500, { error: 'must be at most 500 characters' }),
    ),
});

export type RecordDisbursementBody = z.infer<typeof recordDisbursementBody>;
export type FailDisbursementBody = z.infer<typeof failDisbursementBody>;
