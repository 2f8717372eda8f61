import { hasRole, requireRole, type Caller } from '../domain/caller.ts';
import { conflict, forbidden } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import { approvalOutcome, type ApprovalOutcome } from './approval-outcome.ts';
import { loadProposal, requireNotProposer } from './approve-allocation.ts';
import type { ApprovalDependencies } from './dependencies.ts';
import { requiredApprovals } from './required-approvals.ts';

/** Any required approver may turn a proposal down, with a reason that stays on the record. */
export async function rejectAllocation(
  deps: ApprovalDependencies,
  caller: Caller,
  id: string,
  reason: string,
  now: Date,
): Promise<ApprovalOutcome> {
  requireRole(caller, 'approver', 'baznas');
  const proposal = await loadProposal(deps, id);
  if (proposal.status === 'rejected') throw conflict('already_rejected', `allocation ${id} is already rejected`, 'id');
  if (proposal.status !== 'proposed') {
    throw conflict(
      'already_approved',
      `allocation ${id} is approved; its money is reserved and it can no longer be rejected`,
      'id',
    );
  }
  requireNotProposer(caller, proposal);
  const role = requiredApprovals(proposal.rules.fund).find((candidate) => hasRole(caller, candidate));
  if (!role) {
    throw forbidden(
      'forbidden_role',
      `a ${proposal.rules.fund} allocation is rejected by: ${requiredApprovals(proposal.rules.fund).join(', ')}`,
    );
  }
  const at = now.toISOString();
  const rejection = { by: caller.sub, role, at, reason };
  await deps.approvals.reject(proposal, rejection, {
    id: newId('act', now),
    subject: id,
    action: 'allocation.rejected',
    actor: caller.sub,
    role,
    at,
    details: { reason },
  });
  return approvalOutcome({ ...proposal, status: 'rejected', rejection });
}
