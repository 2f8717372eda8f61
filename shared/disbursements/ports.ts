import type { Activity } from '../domain/activity.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import type { Rupiah } from '../domain/money.ts';
import type { AllocationProposal, ProposalLine } from '../proposals/proposal.ts';
import type { Channel, Disbursement, EvidenceRecord } from './disbursement.ts';

/** Where evidence bytes live: S3 on AWS, a directory in local mode. Keyed by their SHA-256 (hex). */
export interface EvidenceStore {
  /**
   * Stores the bytes under `sha256`, which the caller computed from them. Storing the same bytes
   * again changes nothing; stored bytes are never replaced.
   */
  put(sha256: string, bytes: Uint8Array, contentType: string): Promise<void>;
}

/** A proposal line together with its proposal (fund, fiscal year). */
export interface LineToPay {
  readonly line: ProposalLine;
  readonly proposal: AllocationProposal;
}

/** A bank reference as the guard item knows it. */
export interface ReferenceOnChannel {
  readonly channel: Channel;
  readonly reference: string;
}

/**
 * What paying or returning does to one contributor's reachedHousehold item. The write is
 * conditioned on the item still holding `before` (absent: never reached), so the
 * `reachedHouseholds` count moves exactly when the amount crosses zero.
 */
export interface ReachedChange {
  readonly orgId: string;
  /** Signed: positive when paying, negative when the payment returns. */
  readonly amount: Rupiah;
  /** The amount read before the write; undefined when there was no item. */
  readonly before: Rupiah | undefined;
  /** +1 when the household becomes reached by this contributor, −1 when it no longer is. */
  readonly reachedDelta: -1 | 0 | 1;
}

/** One contributor's reachedHousehold item for one household. */
export interface ReachedItem {
  readonly orgId: string;
  readonly household: string;
}

export function reachedKey(item: ReachedItem): string {
  return `${item.orgId}#${item.household}`;
}

/** A contribution's share of a line, as given back to its FundingSource on a return. */
export interface SourceShare {
  readonly contributionId: string;
  readonly confirmedAt: string;
  readonly amount: Rupiah;
}

export interface PaymentWrite {
  readonly disbursement: Disbursement;
  readonly entry: LedgerEntry;
  readonly reached: readonly ReachedChange[];
  readonly activity: Activity;
}

export interface ReturnWrite {
  /** The disbursement as it becomes: status `returned`, with the return's fields. */
  readonly returned: Disbursement;
  readonly reversal: LedgerEntry;
  readonly release: LedgerEntry;
  readonly reached: readonly ReachedChange[];
  /** Money going back to each contribution (positive amounts). */
  readonly sources: readonly SourceShare[];
  readonly activity: Activity;
}

/**
 * The write lost a race it may simply run again: a reachedHousehold item moved between the read
 * and the write, or other transactions on the same items (a fund's, a kecamatan's or a
 * contributor's totals) kept conflicting. Nothing was written.
 */
export class RaceLost extends Error {
  constructor(reason: 'reached_moved' | 'conflicts') {
    super(`the write lost a race (${reason}); nothing was written`);
  }
}

/**
 * The port the disbursement use cases need from storage. Reads are strongly consistent; each write
 * is one transaction that refuses (with a 4xx problem) when any rule checked by a condition breaks,
 * writing nothing.
 */
export interface DisbursementStore {
  getEvidence(sha256: string): Promise<EvidenceRecord | undefined>;
  /** Creates the evidence item; false (nothing written) when one already exists for these bytes. */
  putEvidence(record: EvidenceRecord): Promise<boolean>;
  /** Which of these SHA-256 values have an evidence item. */
  existingEvidence(sha256s: readonly string[]): Promise<Set<string>>;

  linesToPay(lineIds: readonly string[]): Promise<Map<string, LineToPay>>;
  /** The references already used, as `paymentReferenceKey` strings. */
  takenReferences(references: readonly ReferenceOnChannel[]): Promise<Set<string>>;
  graduatedHouseholds(households: readonly string[]): Promise<Set<string>>;
  /** Contributors' reachedHousehold amounts, keyed by `reachedKey` (absent: no item). */
  reachedAmounts(items: readonly ReachedItem[]): Promise<Map<string, Rupiah>>;

  /**
   * One transaction: line reserved → paid, the disbursement, the reference guard, the graduation
   * and evidence checks, the ledger entry and balances, kecamatan and contributor statistics, the
   * activity. Throws RaceLost when it may simply be run again.
   */
  recordPayment(write: PaymentWrite): Promise<void>;

  getDisbursement(id: string): Promise<Disbursement | undefined>;
  getEntry(id: string): Promise<LedgerEntry | undefined>;
  /**
   * One transaction: disbursement and line paid → returned, the reversal and release entries, the
   * money back to its FundingSources, the contributor statistics, the household's year total, the
   * activity. Throws RaceLost when it may simply be run again.
   */
  recordReturn(write: ReturnWrite): Promise<void>;
}
