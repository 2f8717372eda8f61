import type { Activity } from '../domain/activity.ts';
import type { FundingSource } from '../domain/attribution.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import type { AllocationProposal, Approval, FundingShare, LineFunding, ProposalLine } from '../proposals/proposal.ts';

/** What an approval was checked against: a change to either makes the proposal stale. */
export interface ApprovalBasis {
  readonly snapshot: number;
  readonly fundAccount: string;
  readonly fundVersion: number;
}

export interface ReservedLine {
  readonly line: ProposalLine;
  readonly fundedBy: readonly LineFunding[];
}

/**
 * The writes of the approval workflow. Each method is one transaction; a condition that no longer
 * holds (someone approved, rejected or posted in between) surfaces as a 409 problem.
 */
export interface ApprovalStore {
  /** An approval that leaves others still required. */
  addApproval(
    proposal: AllocationProposal,
    approval: Approval,
    activity: Activity,
    basis: ApprovalBasis,
  ): Promise<void>;
  /**
   * The last approval: the proposal turns `reserving` and its whole amount leaves the fund for the
   * proposal's clearing account (`entry`), drawing `funding` from the contributions' sources.
   */
  beginReservation(
    proposal: AllocationProposal,
    approval: Approval,
    activity: Activity,
    basis: ApprovalBasis,
    entry: LedgerEntry,
    funding: readonly FundingShare[],
  ): Promise<void>;
  /**
   * Reserves lines [from, from + lines.length) for their households (clearing → payable). Returns
   * false when another run already moved past `from` (the caller re-reads and goes on).
   */
  reserveChunk(
    proposal: AllocationProposal,
    from: number,
    lines: readonly ReservedLine[],
    entry: LedgerEntry,
    completion: Activity | undefined,
  ): Promise<boolean>;
  reject(
    proposal: AllocationProposal,
    rejection: NonNullable<AllocationProposal['rejection']>,
    activity: Activity,
  ): Promise<void>;

  /** The fund's confirmed contributions with money left, oldest confirmation first. */
  fundingSources(fund: string): Promise<FundingSource[]>;
  /** Every line of a proposal, in line order. */
  allLines(proposalId: string): Promise<ProposalLine[]>;
}
