import { rejectAllocationBody } from '../../shared/api/approval-schemas.ts';
import { rejectAllocation } from '../../shared/approvals/reject-allocation.ts';
import { json } from '../lib/api-types.ts';
import { approvalDependencies } from '../lib/approvals.ts';
import { pathParameter, writeHandler } from '../lib/private-handlers.ts';

export const handler = writeHandler({ name: 'RejectAllocation', body: rejectAllocationBody }, async (request) =>
  json(
    200,
    await rejectAllocation(
      approvalDependencies,
      request.caller,
      pathParameter(request, 'id'),
      request.body.reason,
      request.now,
    ),
  ),
);
