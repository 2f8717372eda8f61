import type { Role } from '../domain/caller.ts';
import type { Fund } from '../domain/funds.ts';
import type { AllocationProposal } from '../proposals/proposal.ts';

/** The head of the TKPK approves every proposal; BAZNAS also approves every one paid from zakat. */
export function requiredApprovals(fund: Fund): readonly Role[] {
  return fund === 'ZAKAT' ? ['approver', 'baznas'] : ['approver'];
}

/** Roles whose approval is still missing. */
export function awaitedApprovals(proposal: AllocationProposal): Role[] {
  const given = new Set((proposal.approvals ?? []).map((approval) => approval.role));
  return requiredApprovals(proposal.rules.fund).filter((role) => !given.has(role));
}
