import type { Activity } from '../domain/activity.ts';
import type { FundingSource } from '../domain/attribution.ts';
import type { ExpenseCategory } from '../domain/expense-categories.ts';
import type { Fund } from '../domain/funds.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import type { Rupiah } from '../domain/money.ts';
import type { CapCounter, FundYearTotals, StatsCounter } from './policy.ts';

/** Which confirmed contribution paid how much of an expense (FIFO, earmarks kept). */
export interface ExpenseFunding {
  readonly contributionId: string;
  readonly orgId: string;
  readonly amount: Rupiah;
}

/** Spending that is not a household payment: programme costs, amil, or (capped) ceremonies. */
export interface Expense {
  readonly id: string;
  readonly fund: Fund;
  readonly amount: Rupiah;
  readonly category: ExpenseCategory;
  readonly ceremonial: boolean;
  readonly description: string;
  /** Absent for a city-wide expense. */
  readonly kecamatan?: string;
  /** The day the money was spent (YYYY-MM-DD, city time); its year is the fiscal year. */
  readonly spentOn: string;
  readonly fiscalYear: number;
  readonly entryId: string;
  readonly fundedBy: readonly ExpenseFunding[];
  readonly recordedAt: string;
  readonly recordedBy: string;
}

/** Everything one expense writes, in one transaction. */
export interface ExpenseWrite {
  readonly expense: Expense;
  readonly entry: LedgerEntry;
  /** The funding sources it takes from, and how much from each. */
  readonly taken: readonly { readonly source: FundingSource; readonly amount: Rupiah }[];
  /** The capped fundYear counter it adds to, re-checked against the value the cap was computed on. */
  readonly cap?: { readonly counter: CapCounter; readonly limitBefore: Rupiah };
  /** Per contributor: the organisationStats counter and the rupiah attributed to it. */
  readonly stats: readonly { readonly orgId: string; readonly counter: StatsCounter; readonly amount: Rupiah }[];
  readonly activity: Activity;
}

/** Why a write was refused: somebody else spent or counted first, or kept conflicting. */
export type ExpenseRace = 'fund' | 'source' | 'cap' | 'duplicate' | 'conflict';

/** Thrown by the store when a condition of the expense transaction failed; nothing was written. */
export class ExpenseRaceError extends Error {
  constructor(readonly reason: ExpenseRace) {
    super(`expense transaction refused: ${reason}`);
  }
}

/** The storage port for expenses. */
export interface ExpenseStore {
  /** The fund's totals in one fiscal year (zeros when nothing happened yet). */
  fundYear(fund: Fund, year: number): Promise<FundYearTotals>;
  /** The fund's confirmed contributions with money left, oldest confirmation first. */
  fundingSources(fund: Fund): Promise<FundingSource[]>;
  /**
   * One transaction; throws ExpenseRaceError when a condition failed, and a 422 when the expense
   * draws on more contributions than one transaction can hold (nothing written either way).
   */
  recordExpense(write: ExpenseWrite): Promise<void>;
}
