import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { accountNames, createEntry, type LedgerEntry } from '../../shared/domain/ledger.ts';
import { keys } from '../../shared/dynamodb/keys.ts';

/**
 * Ledger entries as the money-in and money-out paths write them (a confirmation now and then,
 * reservations and payments), fixed ids and times: two tables given the same ones hold the same.
 */
export function sampleEntries(count: number): LedgerEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const createdAt = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    const household = `hh${String(i).padStart(30, '0')}`;
    if (i % 100 === 0) {
      return createEntry({
        id: `entry_confirm_ctb_${i}`,
        type: 'contribution.confirmed',
        fund: 'CSR',
        postings: [
          { account: accountNames.fund('CSR'), amount: 100_000_000 },
          { account: accountNames.contributor(`org_${i % 7}`, 'CSR'), amount: -100_000_000 },
        ],
        refs: { contributionId: `ctb_${i}`, orgId: `org_${i % 7}` },
        createdAt,
        createdBy: 'treasurer',
      });
    }
    if (i % 2 === 1) {
      return createEntry({
        id: `entry_reserve_${i}`,
        type: 'allocation.reserved',
        fund: 'CSR',
        postings: [
          { account: accountNames.fund('CSR'), amount: -1_000_000 },
          { account: accountNames.payable(household, 'CSR'), amount: 1_000_000 },
        ],
        refs: { proposalId: `prop_${i}` },
        attributions: [
          { use: `line_${i}`, contributionId: `ctb_${i - 1}`, orgId: `org_${(i - 1) % 7}`, amount: 1_000_000 },
        ],
        createdAt,
        createdBy: 'approver',
      });
    }
    return createEntry({
      id: `entry_paid_${i}`,
      type: 'disbursement.paid',
      fund: 'CSR',
      postings: [
        { account: accountNames.payable(`hh${String(i - 1).padStart(30, '0')}`, 'CSR'), amount: -1_000_000 },
        { account: accountNames.households('63.71.01', 'CSR'), amount: 1_000_000 },
      ],
      refs: { disbursementId: `dsb_${i}`, evidenceSha256: 'ab'.repeat(32) },
      createdAt,
      createdBy: 'officer',
    });
  });
}

/** Writes entry items in order, 25 to a request, one request at a time (so the stream keeps that order). */
export async function writeEntries(
  client: DynamoDBDocumentClient,
  tableName: string,
  entries: readonly LedgerEntry[],
  parallel = 1,
): Promise<void> {
  const requests: Record<string, unknown>[][] = [];
  for (let i = 0; i < entries.length; i += 25) {
    requests.push(
      entries.slice(i, i + 25).map((entry) => ({
        PutRequest: {
          Item: {
            ...keys.entry(entry.id),
            ...keys.entryIndex(entry.fund, entry.createdAt, entry.id),
            entity: 'LedgerEntry',
            ...entry,
          },
        },
      })),
    );
  }
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      let pending: Record<string, unknown>[] | undefined = requests[next++];
      while (pending && pending.length > 0) {
        const { UnprocessedItems } = await client.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
        );
        pending = UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
