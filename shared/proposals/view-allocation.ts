import { requireRole, type Caller } from '../domain/caller.ts';
import { notFound } from '../domain/errors.ts';
import type { AllocationProposal, ProposalLine, ProposalStore } from './proposal.ts';

export interface AllocationView extends AllocationProposal {
  readonly lines: ProposalLine[];
  readonly nextCursor?: string;
}

/** A page of lines at a time: a city-wide proposal can hold tens of thousands. */
export const linesPerPage = 1_000;

export async function viewAllocation(
  proposals: ProposalStore,
  caller: Caller,
  id: string,
  cursor: string | undefined,
): Promise<AllocationView> {
  requireRole(caller, 'officer', 'approver', 'baznas');
  const proposal = await proposals.getProposal(id);
  if (!proposal) throw notFound('allocation_not_found', `no allocation with id ${id}`, 'id');
  const page = await proposals.proposalLines(id, cursor, linesPerPage);
  // Lines stored before approvals existed carry no status: they are still proposed.
  const lines = page.lines.map((line) => ({ ...line, status: line.status ?? 'proposed' }));
  return { ...proposal, lines, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}
