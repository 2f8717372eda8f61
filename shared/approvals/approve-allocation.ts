import type { Activity } from '../domain/activity.ts';
import { hasRole, requireRole, type Caller } from '../domain/caller.ts';
import { conflict, forbidden, notFound, problem, unprocessable } from '../domain/errors.ts';
import { formatRupiah } from '../domain/money.ts';
import { newId } from '../domain/ids.ts';
import { accountNames, createEntry } from '../domain/ledger.ts';
import type { AllocationProposal, Approval } from '../proposals/proposal.ts';
import { approvalOutcome, type ApprovalOutcome } from './approval-outcome.ts';
import type { ApprovalBasis } from './approval-store.ts';
import type { ApprovalDependencies } from './dependencies.ts';
import { awaitedApprovals, requiredApprovals } from './required-approvals.ts';
import { reserveAllocation } from './reserve-allocation.ts';
import { planFunding } from './reservation-plan.ts';

/** One approval transaction also takes money from each source: keep it well inside 100 actions. */
const maxFundingSources = 90;

export async function loadProposal(deps: ApprovalDependencies, id: string): Promise<AllocationProposal> {
  const proposal = await deps.proposals.getProposal(id);
  if (!proposal) throw notFound('allocation_not_found', `no allocation with id ${id}`, 'id');
  return proposal;
}

/** Refuses what can never be approved, whoever asks. */
function requireOpen(proposal: AllocationProposal): void {
  if (proposal.status === 'rejected') {
    throw conflict('proposal_rejected', `allocation ${proposal.id} was rejected and can no longer be approved`, 'id');
  }
  if (proposal.status === 'reserving') {
    throw conflict(
      'already_approved',
      `allocation ${proposal.id} is approved and its reservations are being written; POST /api/allocations/${proposal.id}/resume finishes them`,
      'id',
    );
  }
  if (proposal.status === 'approved') {
    throw conflict('already_approved', `allocation ${proposal.id} is already approved`, 'id');
  }
}

/** Four eyes: whoever proposed may not approve or reject, even holding the approver role. */
export function requireNotProposer(caller: Caller, proposal: AllocationProposal): void {
  if (caller.sub === proposal.createdBy) {
    throw forbidden('own_proposal', 'you proposed this allocation; another person must approve or reject it', 'id');
  }
}

/** A proposal is computed on one registry snapshot and one fund balance: if either moved, recompute. */
async function currentBasis(deps: ApprovalDependencies, proposal: AllocationProposal): Promise<ApprovalBasis> {
  const fundAccount = accountNames.fund(proposal.rules.fund);
  const [snapshot, fund] = await Promise.all([
    deps.registry.currentSnapshot(),
    deps.store.getAccountBalance(fundAccount),
  ]);
  const basis = { snapshot: snapshot?.version ?? 0, fundAccount, fundVersion: fund.version };
  if (basis.snapshot !== proposal.snapshot || basis.fundVersion !== proposal.fundBalanceVersion) {
    throw staleProposal(
      proposal,
      basis.snapshot !== proposal.snapshot ? 'the household registry' : `the ${proposal.rules.fund} fund`,
    );
  }
  return basis;
}

export function staleProposal(proposal: AllocationProposal, what: string) {
  return problem(
    409,
    'stale_proposal',
    `${what} changed after allocation ${proposal.id} was computed; propose it again (POST /api/allocations) and approve the new one`,
    [{ path: 'id', message: `${what} changed since the proposal was computed` }],
  );
}

function approvalActivity(proposal: AllocationProposal, approval: Approval, final: boolean): Activity {
  return {
    id: newId('act', new Date(approval.at)),
    subject: proposal.id,
    action: 'allocation.approved',
    actor: approval.by,
    role: approval.role,
    at: approval.at,
    details: { fund: proposal.rules.fund, amount: proposal.allocated, final },
  };
}

/** The last approval also checks that nobody crosses the per-household ceiling since the proposal. */
async function requireWithinHouseholdCap(
  deps: ApprovalDependencies,
  proposal: AllocationProposal,
  lines: { household: string; amount: number }[],
) {
  const { householdAnnualCap } = await deps.store.getSettings();
  if (householdAnnualCap === null) return;
  const received = await deps.programmes.receivedInYear(proposal.fiscalYear);
  const over = lines.find((line) => (received.get(line.household) ?? 0) + line.amount > householdAnnualCap);
  if (over) {
    throw problem(
      409,
      'stale_proposal',
      `household ${over.household} would pass the ceiling of ${formatRupiah(householdAnnualCap)} for ${proposal.fiscalYear}; propose the allocation again`,
      [{ path: 'id', message: 'a household reached its yearly ceiling since the proposal was computed' }],
    );
  }
}

/**
 * Records one approval. The approver must not be the proposer; zakat needs BAZNAS as well as the
 * head of the TKPK. The last required approval reserves the money: the whole amount leaves the
 * fund at once (the fund can never go negative, however many approvals race), then each
 * household's share is reserved in chunks.
 */
export async function approveAllocation(
  deps: ApprovalDependencies,
  caller: Caller,
  id: string,
  now: Date,
  deadline?: Date,
): Promise<ApprovalOutcome> {
  requireRole(caller, 'approver', 'baznas');
  const proposal = await loadProposal(deps, id);
  requireOpen(proposal);
  requireNotProposer(caller, proposal);
  if ((proposal.approvals ?? []).some((approval) => approval.by === caller.sub)) {
    throw conflict(
      'already_approved',
      'you have already approved this allocation; another person must give the next approval',
      'id',
    );
  }
  const awaited = awaitedApprovals(proposal);
  const role = awaited.find((candidate) => hasRole(caller, candidate));
  if (!role) {
    if (requiredApprovals(proposal.rules.fund).some((candidate) => hasRole(caller, candidate))) {
      throw conflict(
        'already_approved',
        `the ${awaited.join(', ')} approval is what this allocation still awaits`,
        'id',
      );
    }
    throw forbidden(
      'forbidden_role',
      `a ${proposal.rules.fund} allocation is approved by: ${requiredApprovals(proposal.rules.fund).join(', ')}`,
    );
  }
  const basis = await currentBasis(deps, proposal);
  const approval: Approval = { by: caller.sub, role, at: now.toISOString() };
  const final = awaited.length === 1;

  if (!final) {
    await deps.approvals.addApproval(proposal, approval, approvalActivity(proposal, approval, false), basis);
    return approvalOutcome({ ...proposal, approvals: [...(proposal.approvals ?? []), approval] });
  }

  if (proposal.lineCount === 0) {
    throw unprocessable('empty_proposal', 'this allocation has no household lines; there is nothing to approve', 'id');
  }
  const lines = await deps.approvals.allLines(proposal.id);
  await requireWithinHouseholdCap(deps, proposal, lines);
  const sources = await deps.approvals.fundingSources(proposal.rules.fund);
  const { funding, shortfalls } = planFunding(sources, lines, proposal.category);
  if (shortfalls.length > 0) {
    // Sources read after a competing approval took from them: that is the fund moving, not an earmark.
    await currentBasis(deps, proposal);
    throw unprocessable(
      'earmark_shortfall',
      `${shortfalls.length} line(s) cannot be paid from money whose earmark allows them (first: ${shortfalls[0]?.use}); earmarked contributions fund only their kecamatan and category`,
      'id',
    );
  }
  if (funding.length > maxFundingSources) {
    throw unprocessable(
      'too_many_sources',
      `this allocation would draw on ${funding.length} contributions; split it into smaller allocations (at most ${maxFundingSources} contributions each)`,
      'id',
    );
  }
  const entry = createEntry({
    id: `entry_approve_${proposal.id}`,
    type: 'allocation.approved',
    fund: proposal.rules.fund,
    postings: [
      { account: accountNames.fund(proposal.rules.fund), amount: -proposal.allocated },
      { account: accountNames.clearing(proposal.id, proposal.rules.fund), amount: proposal.allocated },
    ],
    refs: { proposalId: proposal.id },
    attributions: funding.map((share) => ({
      use: proposal.id,
      contributionId: share.contributionId,
      orgId: share.orgId,
      amount: share.amount,
    })),
    createdAt: approval.at,
    createdBy: approval.by,
  });
  await deps.approvals.beginReservation(
    proposal,
    approval,
    approvalActivity(proposal, approval, true),
    basis,
    entry,
    funding,
  );
  return approvalOutcome(await reserveAllocation(deps, proposal.id, deadline));
}
