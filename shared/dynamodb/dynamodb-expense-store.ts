import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import type { FundingSource } from '../domain/attribution.ts';
import { unprocessable } from '../domain/errors.ts';
import type { Fund } from '../domain/funds.ts';
import { ExpenseRaceError, type ExpenseStore, type ExpenseWrite } from '../expenses/expense.ts';
import type { FundYearTotals } from '../expenses/policy.ts';
import { activityPut } from './activity-actions.ts';
import { ItemAccess } from './item-access.ts';
import { keys } from './keys.ts';
import { counterUpdate, entryActions, entryFailure, sourceUpdate, type TransactItem } from './ledger-actions.ts';
import { transactWrite, TransactionCancelled } from './transactions.ts';

/** DynamoDB's limit on actions in one TransactWriteItems call. */
const maxActions = 100;

/** The DynamoDB adapter of the ExpenseStore port. */
export class DynamoDbExpenseStore implements ExpenseStore {
  private readonly items: ItemAccess;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.items = new ItemAccess(client, tableName);
  }

  async fundYear(fund: Fund, year: number): Promise<FundYearTotals> {
    const item = await this.items.get<Partial<FundYearTotals>>(keys.fundYear(fund, year));
    return { confirmed: item?.confirmed ?? 0, ceremonial: item?.ceremonial ?? 0, amil: item?.amil ?? 0 };
  }

  async fundingSources(fund: Fund): Promise<FundingSource[]> {
    const items = await this.items.queryAll<FundingSource & { fund: string; amount: number }>({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.fundingSourcesPartition(fund) },
      ConsistentRead: true,
      ScanIndexForward: true,
    });
    return items
      .filter((item) => item.remaining > 0)
      .map(({ contributionId, orgId, confirmedAt, remaining, earmark }) => ({
        contributionId,
        orgId,
        confirmedAt,
        remaining,
        ...(earmark ? { earmark } : {}),
      }));
  }

  /**
   * Action order: [0] expense, [1…] ledger entry and balances, then one update per funding source,
   * the capped fundYear counter (if any), one stats update per contributor, and the activity.
   */
  async recordExpense(write: ExpenseWrite): Promise<void> {
    const { expense, entry } = write;
    const entryOffset = 1;
    const ledger = entryActions(this.tableName, entry);
    const sourcesOffset = entryOffset + ledger.length;
    const sources = write.taken.map(({ source, amount }) => sourceUpdate(this.tableName, expense.fund, source, amount));
    const capOffset = sourcesOffset + sources.length;
    const cap = write.cap ? [this.cappedCounter(write.cap, expense.fund, expense.fiscalYear, expense.amount)] : [];
    const stats = write.stats.map(({ orgId, counter, amount }) =>
      counterUpdate(
        this.tableName,
        keys.organisationStats(orgId),
        'OrganisationStats',
        { [counter]: amount },
        { orgId },
      ),
    );
    const actions: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.expense(expense.id),
            ...keys.expenseIndex(expense.fund, expense.recordedAt, expense.id),
            entity: 'Expense',
            ...expense,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...ledger,
      ...sources,
      ...cap,
      ...stats,
      activityPut(this.tableName, write.activity),
    ];
    if (actions.length > maxActions) {
      throw unprocessable(
        'expense_too_fragmented',
        `this expense would draw on ${write.taken.length} separate contributions, more than one transaction can ` +
          'record; split it into smaller expenses',
        'amount',
      );
    }
    try {
      await transactWrite(this.client, { TransactItems: actions });
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failedAt(0)) throw new ExpenseRaceError('duplicate');
      const ledgerFailure = entryFailure(error, entryOffset, entry);
      if (ledgerFailure) throw new ExpenseRaceError('duplicate' in ledgerFailure ? 'duplicate' : 'fund');
      if (sources.some((_, index) => error.failedAt(sourcesOffset + index))) throw new ExpenseRaceError('source');
      if (cap.length > 0 && error.failedAt(capOffset)) throw new ExpenseRaceError('cap');
      // Still conflicting with other writers after transactWrite's own retries.
      if (error.reasons.includes('TransactionConflict')) throw new ExpenseRaceError('conflict');
      throw error;
    }
  }

  /** Adds to the ceremonial or amil counter only while it still leaves room for this expense. */
  private cappedCounter(cap: NonNullable<ExpenseWrite['cap']>, fund: Fund, year: number, amount: number): TransactItem {
    const update = counterUpdate(this.tableName, keys.fundYear(fund, year), 'FundYear', { [cap.counter]: amount });
    const base = update.Update as NonNullable<TransactItem['Update']>;
    return {
      Update: {
        ...base,
        // #a0 names the counter in counterUpdate's expression.
        ConditionExpression: 'attribute_not_exists(#a0) OR #a0 <= :limitBefore',
        ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ':limitBefore': cap.limitBefore },
      },
    };
  }
}
