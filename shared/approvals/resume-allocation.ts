import { requireRole, type Caller } from '../domain/caller.ts';
import { conflict } from '../domain/errors.ts';
import { approvalOutcome, type ApprovalOutcome } from './approval-outcome.ts';
import { loadProposal } from './approve-allocation.ts';
import type { ApprovalDependencies } from './dependencies.ts';
import { reserveAllocation } from './reserve-allocation.ts';

/**
 * Finishes the reservations of an approved proposal whose run stopped half-way (a crash, a
 * timeout). Safe to call any number of times, also concurrently: chunks are written once.
 */
export async function resumeAllocation(
  deps: ApprovalDependencies,
  caller: Caller,
  id: string,
  deadline?: Date,
): Promise<ApprovalOutcome> {
  requireRole(caller, 'officer', 'approver', 'baznas');
  const proposal = await loadProposal(deps, id);
  if (proposal.status === 'proposed' || proposal.status === 'rejected') {
    throw conflict(
      'not_approved',
      `allocation ${id} is ${proposal.status}; only an approved allocation has reservations to finish`,
      'id',
    );
  }
  return approvalOutcome(await reserveAllocation(deps, id, deadline));
}
