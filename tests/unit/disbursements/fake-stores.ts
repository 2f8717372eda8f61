import type { Disbursement, EvidenceRecord } from '../../../shared/disbursements/disbursement.ts';
import { paymentReferenceKey } from '../../../shared/disbursements/payment-plan.ts';
import {
  reachedKey,
  RaceLost,
  type DisbursementStore,
  type EvidenceStore,
  type LineToPay,
  type PaymentWrite,
  type ReachedItem,
  type ReferenceOnChannel,
  type ReturnWrite,
} from '../../../shared/disbursements/ports.ts';
import type { LedgerEntry } from '../../../shared/domain/ledger.ts';
import type { AllocationProposal, ProposalLine } from '../../../shared/proposals/proposal.ts';

/** Evidence bytes in memory, counting puts. */
export class MemoryEvidenceStore implements EvidenceStore {
  readonly files = new Map<string, Uint8Array>();
  puts = 0;

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    this.puts += 1;
    if (!this.files.has(sha256)) this.files.set(sha256, bytes);
  }
}

/**
 * The disbursement port in memory: enough of the adapter's behaviour (conditions included) for the
 * use cases' own logic. `raceReached` makes the next writes find a reachedHousehold item moved.
 */
export class MemoryDisbursementStore implements DisbursementStore {
  readonly evidence = new Map<string, EvidenceRecord>();
  readonly lines = new Map<string, LineToPay>();
  readonly references = new Set<string>();
  readonly graduated = new Set<string>();
  readonly reached = new Map<string, number>();
  readonly disbursements = new Map<string, Disbursement>();
  readonly entries = new Map<string, LedgerEntry>();
  readonly payments: PaymentWrite[] = [];
  readonly returns: ReturnWrite[] = [];
  reachedReads = 0;
  raceReached = 0;

  async getEvidence(sha256: string) {
    return this.evidence.get(sha256);
  }

  async putEvidence(record: EvidenceRecord) {
    if (this.evidence.has(record.sha256)) return false;
    this.evidence.set(record.sha256, record);
    return true;
  }

  async existingEvidence(sha256s: readonly string[]) {
    return new Set(sha256s.filter((sha) => this.evidence.has(sha)));
  }

  async linesToPay(lineIds: readonly string[]) {
    return new Map(
      lineIds.flatMap((id) => (this.lines.has(id) ? [[id, this.lines.get(id) as LineToPay] as const] : [])),
    );
  }

  async takenReferences(references: readonly ReferenceOnChannel[]) {
    return new Set(
      references
        .map((ref) => paymentReferenceKey(ref.channel, ref.reference))
        .filter((key) => this.references.has(key)),
    );
  }

  async graduatedHouseholds(households: readonly string[]) {
    return new Set(households.filter((household) => this.graduated.has(household)));
  }

  async reachedAmounts(items: readonly ReachedItem[]) {
    this.reachedReads += 1;
    return new Map(
      items.flatMap((item) => {
        const amount = this.reached.get(reachedKey(item));
        return amount === undefined ? [] : [[reachedKey(item), amount] as const];
      }),
    );
  }

  async recordPayment(write: PaymentWrite) {
    this.applyReached(write.reached, write.disbursement.household);
    const target = this.lines.get(write.disbursement.lineId) as LineToPay;
    this.lines.set(write.disbursement.lineId, { ...target, line: { ...target.line, status: 'paid' } });
    this.references.add(paymentReferenceKey(write.disbursement.channel, write.disbursement.reference));
    this.disbursements.set(write.disbursement.id, write.disbursement);
    this.entries.set(write.entry.id, write.entry);
    this.payments.push(write);
  }

  async getDisbursement(id: string) {
    return this.disbursements.get(id);
  }

  async getEntry(id: string) {
    return this.entries.get(id);
  }

  async recordReturn(write: ReturnWrite) {
    this.applyReached(write.reached, write.returned.household);
    this.disbursements.set(write.returned.id, write.returned);
    this.returns.push(write);
  }

  private applyReached(changes: PaymentWrite['reached'], household: string) {
    if (this.raceReached > 0) {
      this.raceReached -= 1;
      throw new RaceLost('reached_moved');
    }
    for (const change of changes) {
      const key = reachedKey({ orgId: change.orgId, household });
      if (this.reached.get(key) !== change.before) throw new RaceLost('reached_moved');
      this.reached.set(key, (change.before ?? 0) + change.amount);
    }
  }
}

export function proposal(fund: 'CSR' | 'ZAKAT' | 'INFAK' = 'CSR'): AllocationProposal {
  return {
    id: 'alc_1',
    status: 'approved',
    fiscalYear: 2026,
    rules: { fund } as AllocationProposal['rules'],
    snapshot: 1,
    fundBalance: 0,
    fundBalanceVersion: 0,
    slots: 1,
    allocated: 500_000,
    remainder: 0,
    kecamatan: [],
    lineCount: 1,
    inputsHash: '',
    outputsHash: '',
    createdAt: '2026-11-01T00:00:00.000Z',
    createdBy: 'officer-0',
  };
}

export function reservedLine(index: number, overrides: Partial<ProposalLine> = {}): ProposalLine {
  return {
    id: `alc_1-${String(index).padStart(8, '0')}`,
    household: `hh${index}`,
    kecamatan: '63.71.01',
    amount: 500_000,
    rank: index,
    explanation: '',
    status: 'reserved',
    fund: 'CSR',
    fundedBy: [{ contributionId: 'ctb_1', orgId: 'org_A', confirmedAt: '2026-01-01T00:00:00.000Z', amount: 500_000 }],
    ...overrides,
  };
}
