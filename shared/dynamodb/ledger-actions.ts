import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

import type { FundingSource } from '../domain/attribution.ts';
import { balanceDelta, type AccountName, type LedgerEntry } from '../domain/ledger.ts';
import { keys } from './keys.ts';
import type { TransactionCancelled } from './transactions.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The transaction actions that record ledger entries: each entry itself, written once (its id
 * decides whether the same step already happened), then one balance update per account with the
 * net change of all the entries (DynamoDB refuses two actions on one item) and `version` counting
 * the entries that posted to it. A balance that falls is conditioned on staying at or above zero
 * on the account's normal side, so no account can ever go negative, however many writers race.
 */
export function entriesActions(
  tableName: string,
  entries: readonly LedgerEntry[],
  /** Accounts whose version must still be this one (nothing posted to them since it was read). */
  expectedVersions: ReadonlyMap<AccountName, number> = new Map(),
): TransactItem[] {
  const changes = new Map<AccountName, { delta: number; entries: number }>();
  for (const entry of entries) {
    const seen = new Set<AccountName>();
    for (const posting of entry.postings) {
      const known = changes.get(posting.account) ?? { delta: 0, entries: 0 };
      changes.set(posting.account, {
        delta: known.delta + balanceDelta(posting),
        entries: known.entries + (seen.has(posting.account) ? 0 : 1),
      });
      seen.add(posting.account);
    }
  }
  const balanceUpdates: TransactItem[] = [...changes].map(([account, { delta, entries: count }]) => {
    const expectedVersion = expectedVersions.get(account);
    const conditions = [
      ...(delta < 0 ? ['balance >= :needed'] : []),
      ...(expectedVersion === undefined
        ? []
        : [expectedVersion === 0 ? 'attribute_not_exists(version)' : 'version = :expected']),
    ];
    return {
      Update: {
        TableName: tableName,
        Key: keys.account(account),
        UpdateExpression:
          'SET entity = :entity, account = :account, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk ADD balance :delta, version :entries',
        ...(conditions.length > 0 ? { ConditionExpression: conditions.join(' AND ') } : {}),
        ExpressionAttributeValues: {
          ':entity': 'Account',
          ':account': account,
          ...keys.accountIndexValues(account),
          ':delta': delta,
          ':entries': count,
          ...(delta < 0 ? { ':needed': -delta } : {}),
          ...(expectedVersion ? { ':expected': expectedVersion } : {}),
        },
      },
    };
  });
  return [
    ...entries.map((entry) => ({
      Put: {
        TableName: tableName,
        Item: {
          ...keys.entry(entry.id),
          ...keys.entryIndex(entry.fund, entry.createdAt, entry.id),
          entity: 'LedgerEntry',
          ...entry,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
    ...balanceUpdates,
  ];
}

/** `entriesActions` for one entry: the entry first, then its accounts in posting order. */
export function entryActions(
  tableName: string,
  entry: LedgerEntry,
  expectedVersions: ReadonlyMap<AccountName, number> = new Map(),
): TransactItem[] {
  return entriesActions(tableName, [entry], expectedVersions);
}

/** The accounts, in action order, that `entryActions` updates after the entry itself. */
export function entryAccounts(entry: LedgerEntry): AccountName[] {
  return [...new Set(entry.postings.map((posting) => posting.account))];
}

/**
 * Which part of `entryActions` (placed at `offset` in the transaction) refused: the entry already
 * existed (`duplicate`), or an account would have gone below zero (its name).
 */
export function entryFailure(
  error: TransactionCancelled,
  offset: number,
  entry: LedgerEntry,
): { duplicate: true } | { account: AccountName } | undefined {
  if (error.failedAt(offset)) return { duplicate: true };
  const account = entryAccounts(entry).find((_, index) => error.failedAt(offset + 1 + index));
  return account ? { account } : undefined;
}

/** Takes `amount` from a funding source, never below zero (negative amounts give money back). */
export function sourceUpdate(
  tableName: string,
  fund: string,
  source: Pick<FundingSource, 'confirmedAt' | 'contributionId'>,
  amount: number,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.fundingSource(fund, source.confirmedAt, source.contributionId),
      UpdateExpression: 'ADD remaining :delta',
      ConditionExpression: amount > 0 ? 'remaining >= :amount' : 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':delta': -amount, ...(amount > 0 ? { ':amount': amount } : {}) },
    },
  };
}

/** Adds to counters on one item, creating it when absent (`ADD` on a missing attribute starts at 0). */
export function counterUpdate(
  tableName: string,
  key: { pk: string; sk: string },
  entity: string,
  deltas: Readonly<Record<string, number>>,
  set: Readonly<Record<string, string | number>> = {},
): TransactItem {
  const adds = Object.keys(deltas).map((name, index) => `#a${index} :a${index}`);
  const sets = ['entity = :entity', ...Object.keys(set).map((name, index) => `#s${index} = :s${index}`)];
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: {
        ...Object.fromEntries(Object.keys(deltas).map((name, index) => [`#a${index}`, name])),
        ...Object.fromEntries(Object.keys(set).map((name, index) => [`#s${index}`, name])),
      },
      ExpressionAttributeValues: {
        ':entity': entity,
        ...Object.fromEntries(Object.values(deltas).map((value, index) => [`:a${index}`, value])),
        ...Object.fromEntries(Object.values(set).map((value, index) => [`:s${index}`, value])),
      },
    },
  };
}

/** A Put that creates the item or fails: records are written once, never overwritten. */
export function putOnce(tableName: string, item: Record<string, unknown>): TransactItem {
  return { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}
