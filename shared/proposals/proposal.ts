import type { KecamatanAllocation } from '../allocation/result.ts';
import type { AllocationRules } from '../allocation/rules.ts';

import type { Role } from '../domain/caller.ts';
import type { Earmark, EarmarkCategory } from '../domain/pledges.ts';

/**
 * proposed → (every required approval) → reserving → approved; or proposed → rejected.
 * `reserving` lasts while the per-household reservations are written in chunks; a crash leaves it
 * there and `resume` finishes the job.
 */
export type ProposalStatus = 'proposed' | 'reserving' | 'approved' | 'rejected';

export interface Approval {
  readonly by: string;
  readonly role: Role;
  readonly at: string;
}

/** Households the engine never saw, and why: so the explanation can say who was left out. */
export type SkipReason = 'graduated' | 'tranche_received' | 'household_cap' | 'targets_not_met';

export interface SkippedHouseholds {
  readonly kecamatan: string;
  readonly reason: SkipReason;
  readonly households: number;
}

/**
 * An allocation proposal: the engine's answer on one registry snapshot and one fund balance.
 * No money moves until it is approved (a later stage); it names everything it was computed from,
 * so a stale proposal can be told from a current one and anyone can recompute it.
 */
export interface AllocationProposal {
  readonly id: string;
  readonly status: ProposalStatus;
  /** Free label (e.g. "Makin Mesra 2027"). */
  readonly programme?: string;
  /** A staged programme (programmes store) and which of its tranches this proposal pays. */
  readonly programmeId?: string;
  readonly tranche?: number;
  /** The programme category the lines spend on; earmarked money follows it. */
  readonly category?: EarmarkCategory;
  /** Fiscal year (calendar year of `rules.asOf`) the per-household cap counts in. */
  readonly fiscalYear: number;
  readonly skipped?: readonly SkippedHouseholds[];
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
  readonly approvals?: readonly Approval[];
  /** Approval that completed the set: its instant stamps every reservation entry. */
  readonly approvedAt?: string;
  /** Lines reserved so far (in line order); equals lineCount once approved. */
  readonly reservedLines?: number;
  /**
   * The contributions the approval drew on (FIFO, oldest first) and how much from each: the
   * per-line split is recomputed from this alone, so a resumed reservation splits exactly alike.
   */
  readonly funding?: readonly FundingShare[];
  readonly rejection?: { readonly by: string; readonly role: Role; readonly at: string; readonly reason: string };
}

export type LineStatus = 'proposed' | 'reserved' | 'paid' | 'returned';

/** The part of one confirmed contribution that pays for a line. */
export interface LineFunding {
  readonly contributionId: string;
  readonly orgId: string;
  readonly confirmedAt: string;
  readonly amount: number;
}

export interface FundingShare extends LineFunding {
  readonly earmark?: Earmark;
}

/** Line ids are `<proposalId>-<8-digit index>`, so a line names its proposal. */
export function proposalIdOfLine(lineId: string): string {
  return lineId.slice(0, lineId.lastIndexOf('-'));
}

export function lineId(proposalId: string, index: number): string {
  return `${proposalId}-${String(index).padStart(8, '0')}`;
}

/** One household's line; `explanation` says why it is there, without naming the family. */
export interface ProposalLine {
  readonly id: string;
  readonly household: string;
  readonly kecamatan: string;
  readonly amount: number;
  readonly rank: number;
  readonly explanation: string;
  /** Absent on lines stored before approvals existed: read as `proposed`. */
  readonly status?: LineStatus;
  readonly fund?: string;
  readonly fundedBy?: readonly LineFunding[];
  readonly disbursementId?: string;
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
