import { newId } from '../domain/ids.ts';
import { accountNames, createEntry } from '../domain/ledger.ts';
import { sumRupiah } from '../domain/money.ts';
import { notFound } from '../domain/errors.ts';
import type { AllocationProposal } from '../proposals/proposal.ts';
import type { ApprovalDependencies } from './dependencies.ts';
import { actionsPerProgrammeLine, chunkEnd, lineFundings } from './reservation-plan.ts';

/** Entry ids name the proposal and the first line of the chunk: the same chunk can never post twice. */
export function reservationEntryId(proposalId: string, from: number): string {
  return `entry_reserve_${proposalId}_${String(from).padStart(8, '0')}`;
}

/**
 * Moves an approved proposal's money from its clearing account to one payable account per
 * household, in chunks of at most 100 actions. Every chunk is a transaction that also advances
 * the proposal's `reservedLines` from exactly where it was, so after a crash the next run picks up
 * at the first unreserved line, and two runs at once never post a chunk twice. The chunks, their
 * entries and their attributions depend only on the approved proposal, so an interrupted and
 * resumed run leaves the very same ledger as an uninterrupted one.
 *
 * A proposal too large to reserve before the request's deadline is left `reserving` with its
 * progress; `POST /api/allocations/{id}/resume` continues it, as often as needed.
 */
export async function reserveAllocation(
  deps: ApprovalDependencies,
  proposalId: string,
  /** Stop starting chunks after this: the proposal stays `reserving` and a resume carries on. */
  deadline?: Date,
): Promise<AllocationProposal> {
  let proposal = await deps.proposals.getProposal(proposalId);
  if (!proposal) throw notFound('allocation_not_found', `no allocation with id ${proposalId}`, 'id');
  if (proposal.status !== 'reserving') return proposal;

  const lines = await deps.approvals.allLines(proposal.id);
  const fund = proposal.rules.fund;
  const fundings = lineFundings(proposal.funding ?? [], lines, proposal.category);
  const finalApproval = (proposal.approvals ?? []).at(-1);
  const createdAt = proposal.approvedAt as string;
  const createdBy = finalApproval?.by ?? 'system';

  let from = proposal.reservedLines ?? 0;
  while (from < lines.length) {
    if (deadline && Date.now() >= deadline.getTime()) break;
    const to = chunkEnd(lines, from, proposal.programmeId ? actionsPerProgrammeLine : undefined);
    const chunk = lines.slice(from, to).map((line) => ({ line, fundedBy: fundings.get(line.id) ?? [] }));
    const total = sumRupiah(chunk.map(({ line }) => line.amount));
    const entry = createEntry({
      id: reservationEntryId(proposal.id, from),
      type: 'allocation.reserved',
      fund,
      postings: [
        { account: accountNames.clearing(proposal.id, fund), amount: -total },
        ...chunk.map(({ line }) => ({ account: accountNames.payable(line.household, fund), amount: line.amount })),
      ],
      refs: { proposalId: proposal.id, fromLine: chunk[0]?.line.id ?? '', toLine: chunk.at(-1)?.line.id ?? '' },
      attributions: chunk.flatMap(({ line, fundedBy }) =>
        fundedBy.map((share) => ({
          use: line.id,
          contributionId: share.contributionId,
          orgId: share.orgId,
          amount: share.amount,
        })),
      ),
      createdAt,
      createdBy,
    });
    const completion =
      to === lines.length
        ? {
            id: newId('act'),
            subject: proposal.id,
            action: 'allocation.reserved',
            actor: createdBy,
            role: 'system' as const,
            at: new Date().toISOString(),
            details: { lines: lines.length, amount: proposal.allocated },
          }
        : undefined;
    const advanced = await deps.approvals.reserveChunk(proposal, from, chunk, entry, completion);
    if (advanced) {
      from = to;
      continue;
    }
    // Another run got there first: carry on from wherever it has reached.
    proposal = (await deps.proposals.getProposal(proposal.id)) as AllocationProposal;
    if (proposal.status !== 'reserving') return proposal;
    from = proposal.reservedLines ?? 0;
  }
  return (await deps.proposals.getProposal(proposal.id)) as AllocationProposal;
}
