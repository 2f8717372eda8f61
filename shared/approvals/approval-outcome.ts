import type { Role } from '../domain/caller.ts';
import type { AllocationProposal, Approval, ProposalStatus } from '../proposals/proposal.ts';
import { awaitedApprovals } from './required-approvals.ts';

/** What approve, reject and resume answer: the state, who approved, and who is still awaited. */
export interface ApprovalOutcome {
  readonly id: string;
  readonly status: ProposalStatus;
  readonly approvals: readonly Approval[];
  readonly awaiting: readonly Role[];
  readonly lineCount: number;
  readonly reservedLines: number;
  readonly allocated: number;
  readonly rejection?: AllocationProposal['rejection'];
}

export function approvalOutcome(proposal: AllocationProposal): ApprovalOutcome {
  return {
    id: proposal.id,
    status: proposal.status,
    approvals: proposal.approvals ?? [],
    awaiting: proposal.status === 'proposed' ? awaitedApprovals(proposal) : [],
    lineCount: proposal.lineCount,
    reservedLines: proposal.reservedLines ?? 0,
    allocated: proposal.allocated,
    ...(proposal.rejection ? { rejection: proposal.rejection } : {}),
  };
}
