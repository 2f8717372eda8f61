import { failDisbursementBody } from '../../shared/disbursements/disbursement-schemas.ts';
import { failDisbursement } from '../../shared/disbursements/fail-disbursement.ts';
import { json } from '../lib/api-types.ts';
import { disbursements } from '../lib/disbursements.ts';
import { pathParameter, writeHandler } from '../lib/private-handlers.ts';

/** POST /api/disbursements/{id}/fail: the payment bounced or was returned. */
export const handler = writeHandler({ name: 'FailDisbursement', body: failDisbursementBody }, async (request) => {
  const returned = await failDisbursement(
    { disbursements },
    request.caller,
    pathParameter(request, 'id'),
    request.body,
    request.now,
  );
  return json(200, {
    id: returned.id,
    lineId: returned.lineId,
    status: returned.status,
    amount: returned.amount,
    returnedAt: returned.returnedAt,
    reversalEntryId: returned.reversalEntryId,
    releaseEntryId: returned.releaseEntryId,
  });
});
