import { describe, expect, it } from 'vitest';

import { entriesActions } from '../../shared/dynamodb/ledger-actions.ts';
import { createEntry } from '../../shared/domain/ledger.ts';

const meta = { fund: 'CSR' as const, refs: {}, createdAt: '2026-11-25T00:00:00.000Z', createdBy: 'officer-1' };
const reversal = createEntry({
  ...meta,
  id: 'entry_return_dsb_1',
  type: 'reversal',
  postings: [
    { account: 'payable:hh1:CSR', amount: 500 },
    { account: 'households:63.71.01:CSR', amount: -500 },
  ],
});
const release = createEntry({
  ...meta,
  id: 'entry_release_dsb_1',
  type: 'allocation.released',
  postings: [
    { account: 'payable:hh1:CSR', amount: -500 },
    { account: 'fund:CSR', amount: 500 },
  ],
});

describe('entriesActions', () => {
  const actions = entriesActions('table', [reversal, release]);
  const updates = actions.flatMap((action) => (action.Update ? [action.Update] : []));
  const byAccount = (account: string) =>
    updates.find((update) => update.ExpressionAttributeValues?.[':account'] === account);

  it('puts each entry once, never over an existing one', () => {
    expect(actions.flatMap((action) => (action.Put ? [action.Put] : []))).toEqual([
      expect.objectContaining({
        Item: expect.objectContaining({ id: reversal.id }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
      expect.objectContaining({
        Item: expect.objectContaining({ id: release.id }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ]);
  });

  it('updates each account once with its net change, counting one posting per entry', () => {
    expect(updates).toHaveLength(3);
    expect(byAccount('payable:hh1:CSR')?.ExpressionAttributeValues).toMatchObject({ ':delta': 0, ':entries': 2 });
    expect(byAccount('fund:CSR')?.ExpressionAttributeValues).toMatchObject({ ':delta': 500, ':entries': 1 });
  });

  it('conditions only a falling balance, on staying at or above zero', () => {
    expect(byAccount('households:63.71.01:CSR')).toMatchObject({
      ConditionExpression: 'balance >= :needed',
      ExpressionAttributeValues: expect.objectContaining({ ':delta': -500, ':needed': 500 }),
    });
    expect(byAccount('payable:hh1:CSR')).not.toHaveProperty('ConditionExpression');
    expect(byAccount('fund:CSR')).not.toHaveProperty('ConditionExpression');
  });
});
