import { recordExpenseBody } from '../../shared/api/expense-schemas.ts';
import { recordExpense } from '../../shared/expenses/record-expense.ts';
import { json } from '../lib/api-types.ts';
import { expenses } from '../lib/expenses.ts';
import { writeHandler } from '../lib/private-handlers.ts';
import { store } from '../lib/store.ts';

export const handler = writeHandler({ name: 'RecordExpense', body: recordExpenseBody }, async ({ body, caller, now }) =>
  json(201, await recordExpense({ store, expenses }, caller, body, now)),
);
