import type { Activity } from '../domain/activity.ts';
import { attributeFifo, type FundingSource } from '../domain/attribution.ts';
import { requireRole, type Caller } from '../domain/caller.ts';
import { isKecamatanOf } from '../domain/city.ts';
import { conflict, unprocessable } from '../domain/errors.ts';
import { isCeremonial, type ExpenseCategory } from '../domain/expense-categories.ts';
import type { Fund } from '../domain/funds.ts';
import { newId } from '../domain/ids.ts';
import { accountNames, cityWide, createEntry } from '../domain/ledger.ts';
import type { Rupiah } from '../domain/money.ts';
import { fiscalYearOf } from '../domain/settings.ts';
import type { TerangStore } from '../domain/store.ts';
import { todayIn } from '../registry/calendar-date.ts';
import { ExpenseRaceError, type Expense, type ExpenseStore, type ExpenseWrite } from './expense.ts';
import {
  assertCategoryAllowed,
  assertFundCovers,
  checkSpendingCap,
  noMatchingFunds,
  statsCounterOf,
} from './policy.ts';

export interface RecordExpenseInput {
  readonly fund: Fund;
  readonly amount: Rupiah;
  readonly category: ExpenseCategory;
  readonly description: string;
  /** A kecamatan code of the city; absent for a city-wide expense. */
  readonly kecamatan?: string;
  /** YYYY-MM-DD; defaults to today in the city's time zone. */
  readonly spentOn?: string;
}

export interface ExpenseDependencies {
  readonly store: TerangStore;
  readonly expenses: ExpenseStore;
}

/** The ledger entry id follows from the expense, so one expense can never post twice. */
export function expenseEntryId(expenseId: string): string {
  return `entry_expense_${expenseId}`;
}

/** A transaction that lost a race is planned again on fresh reads once; the second loss is a 409. */
const attempts = 2;

/**
 * An officer records money spent from a fund on something other than a household payment. The
 * fund's rules are checked first (zakat never pays ceremonies, CSR has no amil, ceremonial and
 * amil spending stay within their yearly caps, the fund holds the money), then the money is
 * attributed FIFO to confirmed contributions whose earmarks allow it, and everything is written
 * in one transaction: the expense, its ledger entry, the sources, the counters and the activity.
 */
export async function recordExpense(
  deps: ExpenseDependencies,
  caller: Caller,
  input: RecordExpenseInput,
  now: Date,
): Promise<Expense> {
  requireRole(caller, 'officer');
  assertCategoryAllowed(input.fund, input.category);
  const city = await deps.store.getCity();
  const today = todayIn(city?.timeZone ?? 'UTC', now);
  const spentOn = input.spentOn ?? today;
  if (spentOn > today) {
    throw unprocessable('spent_in_future', `spentOn ${spentOn} lies in the future (today is ${today})`, 'spentOn');
  }
  if (input.kecamatan !== undefined) {
    const known = await deps.store.listKecamatan();
    if (!city || !isKecamatanOf(city, input.kecamatan) || !known.some((k) => k.code === input.kecamatan)) {
      throw unprocessable(
        'unknown_kecamatan',
        `${input.kecamatan} is not a kecamatan of this city; leave kecamatan out for a city-wide expense`,
        'kecamatan',
      );
    }
  }

  for (let attempt = 1; ; attempt += 1) {
    const write = await planExpense(deps, caller, input, spentOn, now);
    try {
      await deps.expenses.recordExpense(write);
      return write.expense;
    } catch (error) {
      if (!(error instanceof ExpenseRaceError)) throw error;
      if (attempt >= attempts) {
        throw conflict(
          'concurrent_spending',
          `the ${input.fund} fund changed while this expense was being recorded; send it again`,
          'amount',
        );
      }
    }
  }
}

/** Reads the fund as it is now and plans the write, or throws the rule it breaks. */
async function planExpense(
  deps: ExpenseDependencies,
  caller: Caller,
  input: RecordExpenseInput,
  spentOn: string,
  now: Date,
): Promise<ExpenseWrite> {
  const fiscalYear = fiscalYearOf(spentOn);
  const [settings, totals, fundAccount, sources] = await Promise.all([
    deps.store.getSettings(),
    deps.expenses.fundYear(input.fund, fiscalYear),
    deps.store.getAccountBalance(accountNames.fund(input.fund)),
    deps.expenses.fundingSources(input.fund),
  ]);
  const cap = checkSpendingCap({ ...input, fiscalYear, totals, settings });
  assertFundCovers(input.fund, input.amount, fundAccount.balance);

  const id = newId('exp', now);
  const plan = attributeFifo(sources, [
    {
      use: id,
      amount: input.amount,
      category: input.category,
      ...(input.kecamatan !== undefined ? { kecamatan: input.kecamatan } : {}),
    },
  ]);
  const shortfall = plan.shortfalls[0];
  if (shortfall) {
    // Sources read after a competing spend drained them: that is the fund running short, not an earmark.
    assertFundCovers(
      input.fund,
      input.amount,
      (await deps.store.getAccountBalance(accountNames.fund(input.fund))).balance,
    );
    throw noMatchingFunds(input.fund, input.amount, shortfall.missing, input.kecamatan);
  }

  const recordedAt = now.toISOString();
  const entry = createEntry({
    id: expenseEntryId(id),
    type: 'expense.recorded',
    fund: input.fund,
    postings: [
      { account: accountNames.fund(input.fund), amount: -input.amount },
      {
        account: accountNames.expense(input.category, input.kecamatan ?? cityWide, input.fund),
        amount: input.amount,
      },
    ],
    refs: { expenseId: id, category: input.category, place: input.kecamatan ?? cityWide },
    attributions: plan.attributions,
    createdAt: recordedAt,
    createdBy: caller.sub,
  });
  const expense: Expense = {
    id,
    fund: input.fund,
    amount: input.amount,
    category: input.category,
    ceremonial: isCeremonial(input.category),
    description: input.description,
    ...(input.kecamatan !== undefined ? { kecamatan: input.kecamatan } : {}),
    spentOn,
    fiscalYear,
    entryId: entry.id,
    fundedBy: plan.attributions.map(({ contributionId, orgId, amount }) => ({ contributionId, orgId, amount })),
    recordedAt,
    recordedBy: caller.sub,
  };
  const byId = new Map<string, FundingSource>(sources.map((source) => [source.contributionId, source]));
  const perOrganisation = new Map<string, Rupiah>();
  for (const { orgId, amount } of plan.attributions) {
    perOrganisation.set(orgId, (perOrganisation.get(orgId) ?? 0) + amount);
  }
  const counter = statsCounterOf(input.category);
  const activity: Activity = {
    id: newId('act', now),
    subject: id,
    action: 'expense.recorded',
    actor: caller.sub,
    role: 'officer',
    at: recordedAt,
    details: {
      fund: input.fund,
      amount: input.amount,
      category: input.category,
      ceremonial: expense.ceremonial,
      place: input.kecamatan ?? cityWide,
    },
  };
  return {
    expense,
    entry,
    taken: [...plan.taken].map(([contributionId, amount]) => ({
      source: byId.get(contributionId) as FundingSource,
      amount,
    })),
    ...(cap ? { cap: { counter: cap.counter, limitBefore: cap.limitBefore } } : {}),
    stats: [...perOrganisation].map(([orgId, amount]) => ({ orgId, counter, amount })),
    activity,
  };
}
