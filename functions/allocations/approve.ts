import { emptyBody } from '../../shared/api/schemas.ts';
import { approveAllocation } from '../../shared/approvals/approve-allocation.ts';
import { json } from '../lib/api-types.ts';
import { approvalDependencies } from '../lib/approvals.ts';
import { pathParameter, writeHandler } from '../lib/private-handlers.ts';

export const handler = writeHandler(
  { name: 'ApproveAllocation', body: emptyBody, bodyOptional: true },
  async (request) =>
    json(
      200,
      await approveAllocation(
        approvalDependencies,
        request.caller,
        pathParameter(request, 'id'),
        request.now,
        request.deadline,
      ),
    ),
);
