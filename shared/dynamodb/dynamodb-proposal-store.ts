import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { newId } from '../domain/ids.ts';

import type { AllocationProposal, ProposalLine, ProposalPage, ProposalStore } from '../proposals/proposal.ts';
import { ItemAccess } from './item-access.ts';
import { activityPut } from './activity-actions.ts';
import { keys } from './keys.ts';
import { transactWrite } from './transactions.ts';

/** Lines are written in groups: bounded memory however large the proposal. */
const lineBatch = 500;

/** Proposals in DynamoDB: one item for the proposal, one per line under the same partition. */
export class DynamoDbProposalStore implements ProposalStore {
  private readonly items: ItemAccess;

  constructor(
    client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.items = new ItemAccess(client, tableName);
  }

  async putProposal(proposal: AllocationProposal, lines: Iterable<ProposalLine>): Promise<void> {
    let batch: Record<string, unknown>[] = [];
    for (const line of lines) {
      batch.push({ ...keys.proposalLine(proposal.id, line.id), entity: 'ProposalLine', ...line });
      if (batch.length >= lineBatch) {
        await this.items.putMany(batch);
        batch = [];
      }
    }
    await this.items.putMany(batch);
    // The proposal and its line in the activity trail appear together, or not at all.
    await transactWrite(this.items.client, {
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...keys.proposal(proposal.id),
              ...keys.proposalIndex(proposal.id),
              entity: 'AllocationProposal',
              ...proposal,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        activityPut(this.tableName, {
          id: newId('act', new Date(proposal.createdAt)),
          subject: proposal.id,
          action: 'allocation.proposed',
          actor: proposal.createdBy,
          role: 'officer',
          at: proposal.createdAt,
          details: { fund: proposal.rules.fund, amount: proposal.allocated, lines: proposal.lineCount },
        }),
      ],
    });
  }

  async getProposal(id: string): Promise<AllocationProposal | undefined> {
    return this.items.get<AllocationProposal>(keys.proposal(id));
  }

  async proposalLines(id: string, cursor: string | undefined, limit: number): Promise<ProposalPage> {
    const after = cursor ? keys.proposalLine(id, cursor) : undefined;
    const pages = this.items.queryPages<ProposalLine>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.proposal(id).pk, ':prefix': keys.proposalLinePrefix },
      Limit: limit,
      ...(after ? { ExclusiveStartKey: after } : {}),
    });
    const first = await pages.next();
    const lines = first.done ? [] : first.value;
    // A full page may be the last one; the next request then simply returns no lines.
    const last = lines.at(-1);
    return { lines, ...(lines.length === limit && last ? { nextCursor: last.id } : {}) };
  }
}
