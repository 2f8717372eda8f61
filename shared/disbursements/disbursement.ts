import type { Fund } from '../domain/funds.ts';
import type { Rupiah } from '../domain/money.ts';
import type { LineFunding } from '../proposals/proposal.ts';

/**
 * How the money reached the household. The reference is whatever that channel's paper trail
 * numbers, and it may pay only one line per channel:
 * - `bank_transfer`: transfer to the household's own bank account; the bank's transaction reference.
 * - `kks`: credit to the household's Kartu Keluarga Sejahtera (the Himbara bank card social aid is
 *   paid on); the bank's transaction reference.
 * - `pos`: paid out at a PT Pos Indonesia counter; the Pos payment receipt number.
 * - `cash`: handed over by a TKPK officer against a signed receipt (kuitansi); the receipt number.
 * - `goods`: in kind (PENA-style business goods), against a handover record; the BAST number
 *   (Berita Acara Serah Terima).
 */
export const channels = ['bank_transfer', 'kks', 'pos', 'cash', 'goods'] as const;
export type Channel = (typeof channels)[number];

export type DisbursementStatus = 'paid' | 'returned';

/**
 * One proposal line paid to its household, in full. A payment that bounces is marked `returned`
 * and its money goes back to the fund and to the very contributions that paid it; the line can
 * then never be paid again (a new proposal pays the household).
 */
export interface Disbursement {
  readonly id: string;
  readonly lineId: string;
  readonly proposalId: string;
  /** The household's pseudonym. */
  readonly household: string;
  readonly kecamatan: string;
  readonly fund: Fund;
  /** The proposal's fiscal year: what the household received that year falls back by a return. */
  readonly fiscalYear: number;
  readonly amount: Rupiah;
  readonly channel: Channel;
  /** As typed; uniqueness is checked on its normalised form (no spaces, upper case). */
  readonly reference: string;
  /** When the money left, in UTC. */
  readonly paidAt: string;
  readonly evidenceSha256: string;
  readonly status: DisbursementStatus;
  /** The `disbursement.paid` ledger entry. */
  readonly entryId: string;
  /** The contributions the line's reservation drew on (copied from the line). */
  readonly fundedBy: readonly LineFunding[];
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly returnedAt?: string;
  readonly returnedBy?: string;
  readonly returnReason?: string;
  readonly reversalEntryId?: string;
  readonly releaseEntryId?: string;
}

/** An uploaded evidence file: only its SHA-256 is ever shown in public. */
export interface EvidenceRecord {
  readonly sha256: string;
  readonly size: number;
  readonly contentType: string;
  readonly uploadedAt: string;
  readonly uploadedBy: string;
}

/** One payment as the officer reports it (a JSON body, or one row of the bank's batch file). */
export interface PaymentRequest {
  readonly lineId: string;
  readonly reference: string;
  /** ISO 8601 date or date-time with offset. */
  readonly paidAt: string;
  readonly channel: Channel;
  readonly evidenceSha256: string;
  /** When given, must be exactly the line's amount: a line is paid whole or not at all. */
  readonly amount?: Rupiah;
}

export type PaymentField = keyof PaymentRequest;

/** Ledger entry ids derive from the disbursement, so one payment can never post twice. */
export const disbursementEntryIds = {
  paid: (disbursementId: string): string => `entry_paid_${disbursementId}`,
  reversal: (disbursementId: string): string => `entry_return_${disbursementId}`,
  release: (disbursementId: string): string => `entry_release_${disbursementId}`,
};
