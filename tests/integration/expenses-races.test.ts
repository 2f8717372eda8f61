import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FundingSource } from '../../shared/domain/attribution.ts';
import type { Caller } from '../../shared/domain/caller.ts';
import type { TerangStore } from '../../shared/domain/store.ts';
import type { ExpenseStore } from '../../shared/expenses/expense.ts';
import { recordExpense, type RecordExpenseInput } from '../../shared/expenses/record-expense.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';
import { confirm, declare, registerOrganisation } from '../support/scenario.ts';

/**
 * What the transaction's own conditions do when another writer got in between the reads and the
 * write: the reads are made stale on purpose (another expense "landed" after them), so the
 * condition refuses, the use case reads again and answers the rule that now applies.
 */
let table: IsolatedTable;
let api: LocalApi;
let store: TerangStore;
let expenses: ExpenseStore;
const officer: Caller = { sub: 'officer-race', roles: ['officer'] };

beforeAll(async () => {
  table = await useIsolatedTable();
  api = await startLocalApi();
  const { documentClient } = await import('../../shared/dynamodb/client.ts');
  const { DynamoDbStore } = await import('../../shared/dynamodb/dynamodb-store.ts');
  const { DynamoDbExpenseStore } = await import('../../shared/dynamodb/dynamodb-expense-store.ts');
  store = new DynamoDbStore(documentClient, table.tableName);
  expenses = new DynamoDbExpenseStore(documentClient, table.tableName);
  const baznasId = await registerOrganisation(api, 'baznas');
  await confirm(api, await declare(api, baznasId, 'baznas', { fund: 'ZAKAT', amount: 1_000_000 }));
  await confirm(api, await declare(api, baznasId, 'baznas', { fund: 'INFAK', amount: 1_000_000 }));
});

afterAll(async () => {
  await api.close();
});

const amil: RecordExpenseInput = { fund: 'ZAKAT', category: 'amil', amount: 100_000, description: 'Operasional amil' };
const health: RecordExpenseInput = { fund: 'INFAK', category: 'health', amount: 1, description: 'Obat-obatan' };

/** An older source the stale read still shows, though another expense has since spent all of it. */
function spentSource(source: FundingSource): FundingSource {
  return { ...source, contributionId: 'ctb_SPENT', confirmedAt: '2000-01-01T00:00:00.000Z', remaining: 5_000_000 };
}

/** Answers the first `times` calls of one method from `stale`, then the truth. */
function staleFor<T extends object>(target: T, method: keyof T, stale: unknown, times = 1): T {
  let left = times;
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (property !== method || typeof value !== 'function') {
        return typeof value === 'function' ? value.bind(object) : value;
      }
      return async (...args: unknown[]) => {
        if (left > 0) {
          left -= 1;
          return stale;
        }
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

async function refusal(act: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await act;
  } catch (error) {
    const { statusCode, code } = error as { statusCode: number; code: string };
    return { status: statusCode, code };
  }
  throw new Error('expected a refusal');
}

describe('recordExpense when another writer got in first', () => {
  it('refuses on the cap the counter reached meanwhile, writing nothing', async () => {
    // Prepare: the cap (12.5 % of 1,000,000 = 125,000) is already used up to 100,000.
    await recordExpense({ store, expenses }, officer, amil, new Date());
    const stale = staleFor(expenses, 'fundYear', { confirmed: 1_000_000, ceremonial: 0, amil: 0 });
    const before = await table.snapshot();
    // Act
    const refused = await refusal(recordExpense({ store, expenses: stale }, officer, amil, new Date()));
    // Assess
    expect(refused).toEqual({ status: 422, code: 'amil_cap_exceeded' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('refuses on the fund balance that fell meanwhile, writing nothing', async () => {
    // Prepare: reads from before another expense took 600,000 of the 1,000,000 in INFAK.
    const [source] = await expenses.fundingSources('INFAK');
    const staleStore = staleFor(store, 'getAccountBalance', { balance: 1_000_000, version: 1 });
    const staleExpenses = staleFor(expenses, 'fundingSources', [{ ...source!, remaining: 1_000_000 }]);
    await recordExpense({ store, expenses }, officer, { ...health, amount: 600_000 }, new Date());
    const before = await table.snapshot();
    // Act
    const refused = await refusal(
      recordExpense(
        { store: staleStore, expenses: staleExpenses },
        officer,
        { ...health, amount: 500_000 },
        new Date(),
      ),
    );
    // Assess
    expect(refused).toEqual({ status: 422, code: 'insufficient_fund' });
    expect(await table.snapshot()).toEqual(before);
  });

  it('plans again on the sources as they are now when one ran dry meanwhile', async () => {
    const [source] = await expenses.fundingSources('INFAK');
    const stale = staleFor(expenses, 'fundingSources', [spentSource(source!), source]);

    const expense = await recordExpense({ store, expenses: stale }, officer, { ...health, amount: 1_000 }, new Date());

    expect(expense.fundedBy).toEqual([{ contributionId: source!.contributionId, orgId: source!.orgId, amount: 1_000 }]);
  });

  it('answers 409 when the race is lost twice, writing nothing', async () => {
    const [source] = await expenses.fundingSources('INFAK');
    const stale = staleFor(expenses, 'fundingSources', [spentSource(source!), source], 2);
    const before = await table.snapshot();

    const refused = await refusal(
      recordExpense({ store, expenses: stale }, officer, { ...health, amount: 1_000 }, new Date()),
    );

    expect(refused).toEqual({ status: 409, code: 'concurrent_spending' });
    expect(await table.snapshot()).toEqual(before);
  });
});
