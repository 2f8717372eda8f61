import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import type { Disbursement, EvidenceRecord } from '../disbursements/disbursement.ts';
import { paymentReferenceKey } from '../disbursements/payment-plan.ts';
import {
  RaceLost,
  type DisbursementStore,
  type LineToPay,
  reachedKey,
  type PaymentWrite,
  type ReachedChange,
  type ReachedItem,
  type ReferenceOnChannel,
  type ReturnWrite,
} from '../disbursements/ports.ts';
import { normaliseTransferRef } from '../domain/contributions.ts';
import { conflict, unprocessable } from '../domain/errors.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import { proposalIdOfLine, type AllocationProposal, type ProposalLine } from '../proposals/proposal.ts';
import { activityPut } from './activity-actions.ts';
import { ItemAccess } from './item-access.ts';
import { keys } from './keys.ts';
import { counterUpdate, entriesActions, putOnce, sourceUpdate, type TransactItem } from './ledger-actions.ts';
import { transactWrite, TransactionCancelled } from './transactions.ts';

/** DynamoDB's ceiling on the actions of one TransactWriteItems call. */
const maxActions = 100;

/** The disbursement half of the DynamoDB adapter: evidence items, payments and their returns. */
export class DynamoDbDisbursementStore implements DisbursementStore {
  private readonly items: ItemAccess;

  constructor(
    client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.items = new ItemAccess(client, tableName);
  }

  async getEvidence(sha256: string): Promise<EvidenceRecord | undefined> {
    return this.items.get<EvidenceRecord>(keys.evidence(sha256));
  }

  async putEvidence(record: EvidenceRecord): Promise<boolean> {
    try {
      await this.items.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.evidence(record.sha256), entity: 'Evidence', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async existingEvidence(sha256s: readonly string[]): Promise<Set<string>> {
    const found = await this.items.getMany<EvidenceRecord>(sha256s.map((sha256) => keys.evidence(sha256)));
    return new Set(found.map((record) => record.sha256));
  }

  async linesToPay(lineIds: readonly string[]): Promise<Map<string, LineToPay>> {
    const lines = await this.items.getMany<ProposalLine>(
      lineIds.map((lineId) => keys.proposalLine(proposalIdOfLine(lineId), lineId)),
    );
    const proposalIds = [...new Set(lines.map((line) => proposalIdOfLine(line.id)))];
    const proposals = new Map(
      (await this.items.getMany<AllocationProposal>(proposalIds.map((id) => keys.proposal(id)))).map((proposal) => [
        proposal.id,
        proposal,
      ]),
    );
    const found = new Map<string, LineToPay>();
    for (const line of lines) {
      const proposal = proposals.get(proposalIdOfLine(line.id));
      if (proposal) found.set(line.id, { line, proposal });
    }
    return found;
  }

  async takenReferences(references: readonly ReferenceOnChannel[]): Promise<Set<string>> {
    const unique = new Map(references.map((ref) => [paymentReferenceKey(ref.channel, ref.reference), ref]));
    const found = await this.items.getMany<{ key: string }>(
      [...unique.values()].map((ref) => keys.paymentReference(ref.channel, normaliseTransferRef(ref.reference))),
    );
    return new Set(found.map((guard) => guard.key));
  }

  async graduatedHouseholds(households: readonly string[]): Promise<Set<string>> {
    const found = await this.items.getMany<{ household: string }>(
      households.map((household) => keys.graduation(household)),
    );
    return new Set(found.map((graduation) => graduation.household));
  }

  async reachedAmounts(items: readonly ReachedItem[]): Promise<Map<string, number>> {
    const found = await this.items.getMany<ReachedItem & { amount: number }>(
      items.map((item) => keys.reachedHousehold(item.orgId, item.household)),
    );
    return new Map(found.map((reached) => [reachedKey(reached), reached.amount]));
  }

  async getDisbursement(id: string): Promise<Disbursement | undefined> {
    return this.items.get<Disbursement>(keys.disbursement(id));
  }

  async getEntry(id: string): Promise<LedgerEntry | undefined> {
    return this.items.get<LedgerEntry>(keys.entry(id));
  }

  async recordPayment(write: PaymentWrite): Promise<void> {
    const { disbursement: paid, entry, activity } = write;
    const line = keys.proposalLine(paid.proposalId, paid.lineId);
    const fixed: TransactItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: line,
          UpdateExpression: 'SET #status = :paid, disbursementId = :id, paidAt = :paidAt',
          // A line is paid once: two payments racing for it, only the first finds it reserved.
          ConditionExpression: '#status = :reserved',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':paid': 'paid',
            ':reserved': 'reserved',
            ':id': paid.id,
            ':paidAt': paid.paidAt,
          },
        },
      },
      putOnce(this.tableName, {
        ...keys.disbursement(paid.id),
        ...keys.disbursementIndex(paid.paidAt, paid.id),
        entity: 'Disbursement',
        ...paid,
      }),
      putOnce(this.tableName, {
        ...keys.paymentReference(paid.channel, normaliseTransferRef(paid.reference)),
        entity: 'PaymentReference',
        key: paymentReferenceKey(paid.channel, paid.reference),
        channel: paid.channel,
        reference: paid.reference,
        disbursementId: paid.id,
        lineId: paid.lineId,
      }),
      {
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.graduation(paid.household),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.evidence(paid.evidenceSha256),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      counterUpdate(
        this.tableName,
        keys.kecamatanFundStats(paid.kecamatan, paid.fund),
        'KecamatanFundStats',
        { payable: -paid.amount },
        { kecamatan: paid.kecamatan, fund: paid.fund },
      ),
      activityPut(this.tableName, activity),
    ];
    const reachedAt = fixed.length;
    const actions = [...fixed, ...this.reachedActions(write.reached, paid), ...entriesActions(this.tableName, [entry])];
    try {
      await this.transact(actions);
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failedAt(0)) throw conflict('already_paid', 'the line was paid meanwhile', 'lineId');
      if (error.failedAt(3)) {
        throw conflict('household_graduated', "the line's household graduated meanwhile", 'lineId');
      }
      if (error.failedAt(4)) {
        throw unprocessable(
          'evidence_not_found',
          'no evidence file with this SHA-256: upload it first',
          'evidenceSha256',
        );
      }
      if (error.failedAt(2)) {
        throw conflict('duplicate_reference', `this ${paid.channel} reference already paid another line`, 'reference');
      }
      throw this.raceOrFailure(error, write.reached, reachedAt);
    }
  }

  async recordReturn(write: ReturnWrite): Promise<void> {
    const { returned, activity } = write;
    const fixed: TransactItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.disbursement(returned.id),
          UpdateExpression:
            'SET #status = :returned, returnedAt = :at, returnedBy = :by, returnReason = :reason, reversalEntryId = :reversal, releaseEntryId = :release',
          ConditionExpression: '#status = :paid',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':returned': 'returned',
            ':paid': 'paid',
            ':at': returned.returnedAt,
            ':by': returned.returnedBy,
            ':reason': returned.returnReason,
            ':reversal': returned.reversalEntryId,
            ':release': returned.releaseEntryId,
          },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: keys.proposalLine(returned.proposalId, returned.lineId),
          // Returned for good: the line can never be paid again.
          UpdateExpression: 'SET #status = :returned, returnedAt = :at',
          ConditionExpression: '#status = :paid AND disbursementId = :id',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':returned': 'returned',
            ':paid': 'paid',
            ':id': returned.id,
            ':at': returned.returnedAt,
          },
        },
      },
      counterUpdate(
        this.tableName,
        keys.householdYear(returned.household, returned.fiscalYear),
        'HouseholdYear',
        { received: -returned.amount },
        {
          household: returned.household,
          year: returned.fiscalYear,
          ...keys.householdYearIndex(returned.fiscalYear, returned.household),
        },
      ),
      ...write.sources.map((source) => sourceUpdate(this.tableName, returned.fund, source, -source.amount)),
      activityPut(this.tableName, activity),
    ];
    const reachedAt = fixed.length;
    const actions = [
      ...fixed,
      ...this.reachedActions(write.reached, returned),
      ...entriesActions(this.tableName, [write.reversal, write.release]),
    ];
    try {
      await this.transact(actions);
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failedAt(0) || error.failedAt(1)) {
        throw conflict('already_returned', 'this payment was already recorded as returned', 'id');
      }
      throw this.raceOrFailure(error, write.reached, reachedAt);
    }
  }

  /**
   * Per contributor: its reachedHousehold item (conditioned on the amount read, so the count below
   * moves exactly when the amount crosses zero) and its statistics.
   */
  private reachedActions(changes: readonly ReachedChange[], disbursement: Disbursement): TransactItem[] {
    return changes.flatMap((change) => [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.reachedHousehold(change.orgId, disbursement.household),
          UpdateExpression:
            'SET entity = :entity, orgId = :orgId, household = :household, kecamatan = :kecamatan ADD amount :delta',
          ConditionExpression: change.before === undefined ? 'attribute_not_exists(pk)' : 'amount = :before',
          ExpressionAttributeValues: {
            ':entity': 'ReachedHousehold',
            ':orgId': change.orgId,
            ':household': disbursement.household,
            ':kecamatan': disbursement.kecamatan,
            ':delta': change.amount,
            ...(change.before === undefined ? {} : { ':before': change.before }),
          },
        },
      },
      counterUpdate(
        this.tableName,
        keys.organisationStats(change.orgId),
        'OrganisationStats',
        { disbursed: change.amount, ...(change.reachedDelta !== 0 ? { reachedHouseholds: change.reachedDelta } : {}) },
        { orgId: change.orgId },
      ),
    ]);
  }

  /** A refusal no rule explains: a moved reachedHousehold item, or conflicts that outlasted the retries. */
  private raceOrFailure(error: TransactionCancelled, reached: readonly ReachedChange[], reachedAt: number): Error {
    if (reached.some((_, index) => error.failedAt(reachedAt + 2 * index))) return new RaceLost('reached_moved');
    if (!error.reasons.includes('ConditionalCheckFailed')) return new RaceLost('conflicts');
    return error;
  }

  private async transact(actions: TransactItem[]): Promise<void> {
    if (actions.length > maxActions) {
      throw unprocessable(
        'too_many_contributors',
        `this line is funded by too many contributions to record in one transaction (${actions.length} actions)`,
      );
    }
    await transactWrite(this.items.client, { TransactItems: actions });
  }
}
