import { normalSide } from '../../shared/domain/ledger.ts';

/** Every account's balance (on its normal side) in a table snapshot. */
export function balancesIn(snapshot: readonly Record<string, unknown>[]): Map<string, number> {
  return new Map(
    snapshot
      .filter((item) => item['entity'] === 'Account')
      .map((item) => [item['account'] as string, Number(item['balance'])]),
  );
}

/** Σ of all balances, debit-normal positive and credit-normal negative: 0 in a sound ledger. */
export function signedSum(balances: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const [account, balance] of balances) sum += normalSide(account) === 'debit' ? balance : -balance;
  return sum;
}

export function entriesIn(snapshot: readonly Record<string, unknown>[]): Record<string, any>[] {
  return snapshot.filter((item) => item['entity'] === 'LedgerEntry');
}
