import { emptyBody } from '../../shared/api/schemas.ts';
import { resumeAllocation } from '../../shared/approvals/resume-allocation.ts';
import { json } from '../lib/api-types.ts';
import { approvalDependencies } from '../lib/approvals.ts';
import { pathParameter, writeHandler } from '../lib/private-handlers.ts';

export const handler = writeHandler(
  { name: 'ResumeAllocation', body: emptyBody, bodyOptional: true },
  async (request) =>
    json(
      200,
      await resumeAllocation(approvalDependencies, request.caller, pathParameter(request, 'id'), request.deadline),
    ),
);
