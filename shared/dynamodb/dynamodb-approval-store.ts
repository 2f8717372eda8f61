import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import type { ApprovalBasis, ApprovalStore, ReservedLine } from '../approvals/approval-store.ts';
import { staleProposal } from '../approvals/approve-allocation.ts';
import type { Activity } from '../domain/activity.ts';
import type { FundingSource } from '../domain/attribution.ts';
import { conflict } from '../domain/errors.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import type { AllocationProposal, Approval, FundingShare, ProposalLine } from '../proposals/proposal.ts';
import { activityPut } from './activity-actions.ts';
import { ItemAccess } from './item-access.ts';
import { keys } from './keys.ts';
import { counterUpdate, entryActions, sourceUpdate, type TransactItem } from './ledger-actions.ts';
import { transactWrite, TransactionCancelled } from './transactions.ts';

/** The approval workflow's transactions (see ApprovalStore for what each one guarantees). */
export class DynamoDbApprovalStore implements ApprovalStore {
  private readonly items: ItemAccess;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.items = new ItemAccess(client, tableName);
  }

  async addApproval(proposal: AllocationProposal, approval: Approval, activity: Activity, basis: ApprovalBasis) {
    const fund = `the ${proposal.rules.fund} fund`;
    await this.approvalTransaction(
      proposal,
      [
        this.approvalUpdate(proposal, approval, {}),
        this.fundVersionCheck(basis),
        this.snapshotCheck(basis),
        activityPut(this.tableName, activity),
      ],
      new Map([
        [1, fund],
        [2, 'the household registry'],
      ]),
    );
  }

  async beginReservation(
    proposal: AllocationProposal,
    approval: Approval,
    activity: Activity,
    basis: ApprovalBasis,
    entry: LedgerEntry,
    funding: readonly FundingShare[],
  ) {
    const fund = proposal.rules.fund;
    const ledger = entryActions(this.tableName, entry, new Map([[basis.fundAccount, basis.fundVersion]]));
    const actions = [
      this.approvalUpdate(proposal, approval, {
        status: 'reserving',
        approvedAt: approval.at,
        reservedLines: 0,
        funding,
      }),
      this.snapshotCheck(basis),
      activityPut(this.tableName, activity),
      ...ledger,
      ...funding.map((share) => sourceUpdate(this.tableName, fund, share, share.amount)),
    ];
    // The fund's balance update (right after the entry) also checks its version; the proposal was
    // computed within its balance, so a refusal there means the fund moved.
    const stale = new Map<number, string>([
      [1, 'the household registry'],
      [4, `the ${fund} fund`],
    ]);
    funding.forEach((_, index) =>
      stale.set(3 + ledger.length + index, `the money left of the ${fund} fund's contributions`),
    );
    await this.approvalTransaction(proposal, actions, stale);
  }

  async reserveChunk(
    proposal: AllocationProposal,
    from: number,
    lines: readonly ReservedLine[],
    entry: LedgerEntry,
    completion: Activity | undefined,
  ): Promise<boolean> {
    const fund = proposal.rules.fund;
    const to = from + lines.length;
    const complete = to === proposal.lineCount;
    const payableByKecamatan = new Map<string, number>();
    for (const { line } of lines) {
      payableByKecamatan.set(line.kecamatan, (payableByKecamatan.get(line.kecamatan) ?? 0) + line.amount);
    }
    const actions: TransactItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.proposal(proposal.id),
          UpdateExpression: complete ? 'SET reservedLines = :to, #status = :approved' : 'SET reservedLines = :to',
          ConditionExpression: '#status = :reserving AND reservedLines = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': to,
            ':from': from,
            ':reserving': 'reserving',
            ...(complete ? { ':approved': 'approved' } : {}),
          },
        },
      },
      ...entryActions(this.tableName, entry),
      ...lines.map(({ line, fundedBy }) => ({
        Update: {
          TableName: this.tableName,
          Key: keys.proposalLine(proposal.id, line.id),
          UpdateExpression: 'SET #status = :reserved, fund = :fund, fundedBy = :fundedBy',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':reserved': 'reserved', ':fund': fund, ':fundedBy': fundedBy },
        },
      })),
      ...lines.map(({ line }) =>
        counterUpdate(
          this.tableName,
          keys.householdYear(line.household, proposal.fiscalYear),
          'HouseholdYear',
          { received: line.amount },
          {
            household: line.household,
            year: proposal.fiscalYear,
            ...keys.householdYearIndex(proposal.fiscalYear, line.household),
          },
        ),
      ),
      ...[...payableByKecamatan].map(([kecamatan, amount]) =>
        counterUpdate(
          this.tableName,
          keys.kecamatanFundStats(kecamatan, fund),
          'KecamatanFundStats',
          { payable: amount },
          { kecamatan, fund },
        ),
      ),
      ...(proposal.programmeId && proposal.tranche ? lines.map(({ line }) => this.trancheReceipt(proposal, line)) : []),
      ...(completion ? [activityPut(this.tableName, completion)] : []),
    ];
    try {
      await transactWrite(this.client, { TransactItems: actions });
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedAt(0)) return false;
      throw error;
    }
  }

  async reject(
    proposal: AllocationProposal,
    rejection: NonNullable<AllocationProposal['rejection']>,
    activity: Activity,
  ) {
    try {
      await transactWrite(this.client, {
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.proposal(proposal.id),
              UpdateExpression: 'SET #status = :rejected, rejection = :rejection',
              ConditionExpression: '#status = :proposed',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':rejected': 'rejected', ':proposed': 'proposed', ':rejection': rejection },
            },
          },
          activityPut(this.tableName, activity),
        ],
      });
    } catch (error) {
      if (error instanceof TransactionCancelled && error.failedAt(0)) {
        throw conflict('already_decided', `allocation ${proposal.id} was approved or rejected meanwhile`, 'id');
      }
      throw error;
    }
  }

  async fundingSources(fund: string): Promise<FundingSource[]> {
    const sources = await this.items.queryAll<FundingSource & { remaining: number }>({
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'remaining > :zero',
      ExpressionAttributeValues: { ':pk': keys.fundingSourcesPartition(fund), ':zero': 0 },
      ConsistentRead: true,
    });
    return sources.map(({ contributionId, orgId, confirmedAt, remaining, earmark }) => ({
      contributionId,
      orgId,
      confirmedAt,
      remaining,
      ...(earmark ? { earmark } : {}),
    }));
  }

  async allLines(proposalId: string): Promise<ProposalLine[]> {
    return this.items.queryAll<ProposalLine>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.proposal(proposalId).pk, ':prefix': keys.proposalLinePrefix },
      ConsistentRead: true,
    });
  }

  /** The household received this tranche of the programme: a later proposal of it skips them. */
  private trancheReceipt(proposal: AllocationProposal, line: ProposalLine): TransactItem {
    const programmeId = proposal.programmeId as string;
    const tranche = proposal.tranche as number;
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.trancheReceipt(programmeId, line.household, tranche),
          ...keys.trancheReceiptIndex(programmeId, tranche, line.household),
          entity: 'TrancheReceipt',
          programmeId,
          tranche,
          household: line.household,
          proposalId: proposal.id,
          lineId: line.id,
        },
      },
    };
  }

  /** Appends the approval, on condition nobody approved or decided since the proposal was read. */
  private approvalUpdate(proposal: AllocationProposal, approval: Approval, set: Record<string, unknown>): TransactItem {
    const count = proposal.approvals?.length ?? 0;
    const names = Object.keys(set);
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.proposal(proposal.id),
        UpdateExpression: [
          'SET approvals = list_append(if_not_exists(approvals, :none), :approval)',
          ...names.map((name, index) => `#f${index} = :f${index}`),
        ].join(', '),
        ConditionExpression:
          count === 0
            ? '#status = :proposed AND attribute_not_exists(approvals)'
            : '#status = :proposed AND size(approvals) = :count',
        ExpressionAttributeNames: {
          '#status': 'status',
          ...Object.fromEntries(names.map((name, index) => [`#f${index}`, name])),
        },
        ExpressionAttributeValues: {
          ':none': [],
          ':approval': [approval],
          ':proposed': 'proposed',
          ...(count === 0 ? {} : { ':count': count }),
          ...Object.fromEntries(names.map((name, index) => [`:f${index}`, set[name]])),
        },
      },
    };
  }

  private fundVersionCheck(basis: ApprovalBasis): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.account(basis.fundAccount),
        ConditionExpression: basis.fundVersion === 0 ? 'attribute_not_exists(version)' : 'version = :version',
        ...(basis.fundVersion === 0 ? {} : { ExpressionAttributeValues: { ':version': basis.fundVersion } }),
      },
    };
  }

  private snapshotCheck(basis: ApprovalBasis): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.registryHead(),
        ConditionExpression: 'version = :snapshot',
        ExpressionAttributeValues: { ':snapshot': basis.snapshot },
      },
    };
  }

  /** Runs an approval's transaction: the proposal moving is `already_decided`, the basis moving `stale_proposal`. */
  private async approvalTransaction(
    proposal: AllocationProposal,
    actions: TransactItem[],
    stale: ReadonlyMap<number, string>,
  ) {
    try {
      await transactWrite(this.client, { TransactItems: actions });
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failedAt(0)) {
        throw conflict(
          'already_decided',
          `allocation ${proposal.id} was approved or rejected meanwhile; read it again`,
          'id',
        );
      }
      const moved = [...stale].find(([index]) => error.failedAt(index));
      if (moved) throw staleProposal(proposal, moved[1]);
      throw error;
    }
  }
}
