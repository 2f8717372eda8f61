import type { Fund } from './funds.ts';
import { isValidAmount, type Rupiah } from './money.ts';

/**
 * Accounts are named `<type>:<parts…>:<FUND>`; every account belongs to exactly one fund.
 *
 * - `fund`: the fund's money not yet committed to anything (debit-normal, like cash).
 * - `contributor`: what an organisation has put into the fund (credit-normal, like equity).
 * - `clearing`: an approved proposal's total, held between approval and the per-household
 *   reservations written in chunks; zero once the proposal is fully reserved.
 * - `payable`: money reserved for one household (by pseudonym), not yet paid.
 * - `households`: money paid to households of one kecamatan.
 * - `expense`: programme or ceremonial spending of one category, in one kecamatan or `city`-wide.
 *
 * Every type but `contributor` is debit-normal, so Σ(debit-normal) = Σ(contributor) always.
 */
export type AccountName = string;

/** The place of a city-wide expense, where a kecamatan code would otherwise stand. */
export const cityWide = 'city';

export const accountNames = {
  fund: (fund: Fund): AccountName => `fund:${fund}`,
  contributor: (orgId: string, fund: Fund): AccountName => `contributor:${orgId}:${fund}`,
  clearing: (proposalId: string, fund: Fund): AccountName => `clearing:${proposalId}:${fund}`,
  payable: (household: string, fund: Fund): AccountName => `payable:${household}:${fund}`,
  households: (kecamatan: string, fund: Fund): AccountName => `households:${kecamatan}:${fund}`,
  expense: (category: string, place: string, fund: Fund): AccountName => `expense:${category}:${place}:${fund}`,
};

type NormalSide = 'debit' | 'credit';

const normalSideByType: Record<string, NormalSide> = {
  fund: 'debit',
  contributor: 'credit',
  clearing: 'debit',
  payable: 'debit',
  households: 'debit',
  expense: 'debit',
};

/** The middle parts of an account name: `payable:abc:CSR` → `['abc']`. */
export function accountParts(account: AccountName): string[] {
  return account.split(':').slice(1, -1);
}

export function accountType(account: AccountName): string {
  return account.split(':', 1)[0] ?? '';
}

export function accountFund(account: AccountName): Fund {
  return account.slice(account.lastIndexOf(':') + 1) as Fund;
}

export function normalSide(account: AccountName): NormalSide {
  const side = normalSideByType[accountType(account)];
  if (!side) throw new Error(`unknown account type in ${account}`);
  return side;
}

/** `amount` is signed: positive debits the account, negative credits it. */
export interface Posting {
  readonly account: AccountName;
  readonly amount: number;
}

export type EntryType =
  | 'contribution.confirmed'
  | 'allocation.approved'
  | 'allocation.reserved'
  | 'allocation.released'
  | 'disbursement.paid'
  | 'expense.recorded'
  | 'reversal';

/** Which confirmed contribution pays for what: `use` is a proposal line, a proposal or an expense. */
export interface Attribution {
  readonly use: string;
  readonly contributionId: string;
  readonly orgId: string;
  readonly amount: number;
}

export interface LedgerEntry {
  readonly id: string;
  readonly type: EntryType;
  readonly fund: Fund;
  readonly postings: readonly Posting[];
  /** Ids of the business records this entry accounts for (contribution, organisation, …). */
  readonly refs: Readonly<Record<string, string>>;
  readonly reverses?: string;
  /** For entries that spend or reserve money: the contributions it came from (FIFO, earmarks kept). */
  readonly attributions?: readonly Attribution[];
  readonly createdAt: string;
  readonly createdBy: string;
}

export class UnbalancedEntryError extends Error {}
export class NegativeBalanceError extends Error {
  constructor(readonly account: AccountName) {
    super(`account ${account} would go below zero`);
  }
}

/**
 * Builds an immutable entry and enforces the double-entry invariants: at least two postings, each
 * a non-zero whole rupiah, all on accounts of the entry's fund, summing to exactly zero.
 */
export function createEntry(entry: LedgerEntry): LedgerEntry {
  if (entry.postings.length < 2) throw new UnbalancedEntryError('an entry needs at least two postings');
  let sum = 0;
  for (const posting of entry.postings) {
    if (!isValidAmount(Math.abs(posting.amount))) {
      throw new UnbalancedEntryError(`posting to ${posting.account} is not a valid rupiah amount`);
    }
    if (accountFund(posting.account) !== entry.fund) {
      throw new UnbalancedEntryError(`posting to ${posting.account} crosses from fund ${entry.fund}`);
    }
    normalSide(posting.account);
    sum += posting.amount;
  }
  if (sum !== 0) throw new UnbalancedEntryError(`postings sum to ${sum}, not zero`);
  return Object.freeze({
    ...entry,
    postings: Object.freeze(entry.postings.map((p) => Object.freeze({ ...p }))),
    refs: Object.freeze({ ...entry.refs }),
    ...(entry.attributions
      ? { attributions: Object.freeze(entry.attributions.map((a) => Object.freeze({ ...a }))) }
      : {}),
  });
}

/** A correction never edits an entry: it posts the exact opposite, pointing at the original. */
export function reverseEntry(
  original: LedgerEntry,
  reversal: { id: string; createdAt: string; createdBy: string; reason: string },
): LedgerEntry {
  return createEntry({
    id: reversal.id,
    type: 'reversal',
    fund: original.fund,
    postings: original.postings.map((p) => ({ account: p.account, amount: -p.amount })),
    refs: { ...original.refs, reason: reversal.reason },
    reverses: original.id,
    // The money returns to the contributions it came from.
    ...(original.attributions ? { attributions: original.attributions } : {}),
    createdAt: reversal.createdAt,
    createdBy: reversal.createdBy,
  });
}

/** How a posting changes the account's balance measured on its normal side. */
export function balanceDelta(posting: Posting): Rupiah {
  return normalSide(posting.account) === 'debit' ? posting.amount : -posting.amount;
}

/**
 * Applies an entry to balances (normal-side, never negative) and returns the new balances; throws
 * without changing anything when any account would go below zero.
 */
export function applyEntry(balances: ReadonlyMap<AccountName, Rupiah>, entry: LedgerEntry): Map<AccountName, Rupiah> {
  const next = new Map(balances);
  for (const posting of entry.postings) {
    const balance = (next.get(posting.account) ?? 0) + balanceDelta(posting);
    if (balance < 0) throw new NegativeBalanceError(posting.account);
    next.set(posting.account, balance);
  }
  return next;
}
