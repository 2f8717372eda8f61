import { recordDisbursementBody } from '../../shared/disbursements/disbursement-schemas.ts';
import { recordDisbursement, recordDisbursementBatch } from '../../shared/disbursements/record-disbursement.ts';
import { json } from '../lib/api-types.ts';
import { requireCaller } from '../lib/private-handlers.ts';
import { batchBody, isCsvUpload, paymentDependencies } from '../lib/disbursements.ts';
import { withHttpErrors } from '../lib/http-middleware.ts';
import { idempotentWrites } from '../lib/idempotency.ts';
import { parseJsonBody } from '../lib/json-body.ts';

/** POST /api/disbursements: one payment as JSON, or the bank's batch file as text/csv. */
export const handler = withHttpErrors(async (event) => {
  const caller = requireCaller(event);
  const now = new Date();
  if (isCsvUpload(event)) {
    const recorded = await recordDisbursementBatch(paymentDependencies, caller, batchBody(event), now);
    return json(201, { disbursements: recorded });
  }
  const body = parseJsonBody(event, recordDisbursementBody, false);
  return json(201, await recordDisbursement(paymentDependencies, caller, body, now));
}, idempotentWrites('RecordDisbursement'));
