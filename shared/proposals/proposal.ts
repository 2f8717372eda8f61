import type { KecamatanAllocation } from '../allocation/result.ts';
import type { AllocationRules } from '../allocation/rules.ts';

export type ProposalStatus = 'proposed';

/**
 * An allocation proposal: the engine's answer on one registry snapshot and one fund balance.
 * No money moves until it is approved (a later stage); it names everything it was computed from,
 * so a stale proposal can be told from a current one and anyone can recompute it.
 */
export interface AllocationProposal {
  readonly id: string;
  readonly status: ProposalStatus;
  readonly programme?: string;
  readonly rules: AllocationRules;
  readonly snapshot: number;
  readonly fundBalance: number;
  readonly fundBalanceVersion: number;
  readonly slots: number;
  readonly allocated: number;
  readonly remainder: number;
  readonly kecamatan: readonly KecamatanAllocation[];
  readonly lineCount: number;
  readonly inputsHash: string;
  readonly outputsHash: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** One household's line; `explanation` says why it is there, without naming the family. */
export interface ProposalLine {
  readonly id: string;
  readonly household: string;
  readonly kecamatan: string;
  readonly amount: number;
  readonly rank: number;
  readonly explanation: string;
}

export interface ProposalPage {
  readonly lines: ProposalLine[];
  readonly nextCursor?: string;
}

export interface ProposalStore {
  /** Writes the lines first and the proposal last, so a visible proposal always has all its lines. */
  putProposal(proposal: AllocationProposal, lines: Iterable<ProposalLine>): Promise<void>;
  getProposal(id: string): Promise<AllocationProposal | undefined>;
  proposalLines(id: string, cursor: string | undefined, limit: number): Promise<ProposalPage>;
}
