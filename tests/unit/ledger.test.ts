import { describe, expect, it } from 'vitest';

import {
  accountNames,
  applyEntry,
  createEntry,
  NegativeBalanceError,
  reverseEntry,
  UnbalancedEntryError,
  type LedgerEntry,
  type Posting,
} from '../../shared/domain/ledger.ts';

const fundCsr = accountNames.fund('CSR');
const companyCsr = accountNames.contributor('org_A', 'CSR');

function confirmation(amount: number, postings?: Posting[]): LedgerEntry {
  return {
    id: 'entry_1',
    type: 'contribution.confirmed',
    fund: 'CSR',
    postings: postings ?? [
      { account: fundCsr, amount },
      { account: companyCsr, amount: -amount },
    ],
    refs: { contributionId: 'ctb_1', orgId: 'org_A' },
    createdAt: '2026-11-20T02:00:00.000Z',
    createdBy: 'treasurer-1',
  };
}

const reversalMeta = {
  id: 'entry_2',
  createdAt: '2026-11-21T02:00:00.000Z',
  createdBy: 'treasurer-2',
  reason: 'bounced transfer',
};

describe('createEntry', () => {
  it('accepts postings that sum to zero', () => {
    // Act
    const entry = createEntry(confirmation(5_000_000));
    // Assess
    expect(entry.postings.reduce((sum, posting) => sum + posting.amount, 0)).toBe(0);
    expect(entry.postings).toEqual([
      { account: 'fund:CSR', amount: 5_000_000 },
      { account: 'contributor:org_A:CSR', amount: -5_000_000 },
    ]);
  });

  it('accepts more than two postings when they balance', () => {
    const entry = createEntry(
      confirmation(0, [
        { account: fundCsr, amount: 3_000 },
        { account: companyCsr, amount: -1_000 },
        { account: accountNames.contributor('org_B', 'CSR'), amount: -2_000 },
      ]),
    );

    expect(entry.postings).toHaveLength(3);
  });

  it('rejects postings that do not sum to zero', () => {
    // Prepare
    const unbalanced = confirmation(0, [
      { account: fundCsr, amount: 5_000_000 },
      { account: companyCsr, amount: -4_999_999 },
    ]);
    // Act + Assess
    expect(() => createEntry(unbalanced)).toThrow(UnbalancedEntryError);
  });

  it('rejects an entry with a single posting', () => {
    const single = confirmation(0, [{ account: fundCsr, amount: 5_000_000 }]);

    expect(() => createEntry(single)).toThrow(/at least two postings/u);
  });

  it('rejects an entry with no postings', () => {
    expect(() => createEntry(confirmation(0, []))).toThrow(UnbalancedEntryError);
  });

  it('rejects postings that cross into another fund', () => {
    const crossing = confirmation(0, [
      { account: fundCsr, amount: 5_000_000 },
      { account: accountNames.contributor('org_A', 'ZAKAT'), amount: -5_000_000 },
    ]);

    expect(() => createEntry(crossing)).toThrow(/crosses from fund CSR/u);
  });

  it('rejects a balanced entry whose postings all belong to a different fund than the entry', () => {
    const elsewhere = confirmation(0, [
      { account: accountNames.fund('ZAKAT'), amount: 1_000 },
      { account: accountNames.contributor('org_A', 'ZAKAT'), amount: -1_000 },
    ]);

    expect(() => createEntry(elsewhere)).toThrow(UnbalancedEntryError);
  });

  it.each([
    ['zero', 0, 0],
    ['fractional', 1.5, -1.5],
    ['NaN', Number.NaN, Number.NaN],
    ['above 10^15', 10 ** 15 + 1, -(10 ** 15 + 1)],
  ])('rejects %s amounts even when they balance', (_label, debit, credit) => {
    const entry = confirmation(0, [
      { account: fundCsr, amount: debit },
      { account: companyCsr, amount: credit },
    ]);

    expect(() => createEntry(entry)).toThrow(/not a valid rupiah amount/u);
  });

  it('rejects a posting to an account of unknown type', () => {
    const entry = confirmation(0, [
      { account: 'bank:CSR', amount: 1_000 },
      { account: companyCsr, amount: -1_000 },
    ]);

    expect(() => createEntry(entry)).toThrow(/unknown account type/u);
  });
});

describe('immutability of entries', () => {
  it('freezes the entry, its postings and each posting', () => {
    // Act
    const entry = createEntry(confirmation(1_000));
    // Assess
    expect(Object.isFrozen(entry)).toBe(true);
    expect(Object.isFrozen(entry.postings)).toBe(true);
    expect(entry.postings.every((posting) => Object.isFrozen(posting))).toBe(true);
  });

  it('throws when code tries to change a posting amount', () => {
    const entry = createEntry(confirmation(1_000));

    expect(() => {
      (entry.postings[0] as { amount: number }).amount = 999_999;
    }).toThrow(TypeError);
  });

  it('throws when code tries to add a posting', () => {
    const entry = createEntry(confirmation(1_000));

    expect(() => {
      (entry.postings as Posting[]).push({ account: fundCsr, amount: 1 });
    }).toThrow(TypeError);
  });

  it('throws when code tries to change the references of an entry', () => {
    const entry = createEntry(confirmation(1_000));

    expect(() => {
      (entry.refs as Record<string, string>)['contributionId'] = 'ctb_other';
    }).toThrow(TypeError);
  });

  it('is not changed by later edits to the input it was built from', () => {
    // Prepare
    const input = confirmation(1_000);
    const entry = createEntry(input);
    // Act
    (input.postings as Posting[])[0] = { account: fundCsr, amount: 42 };
    (input.refs as Record<string, string>)['orgId'] = 'org_other';
    // Assess
    expect(entry.postings[0]?.amount).toBe(1_000);
    expect(entry.refs['orgId']).toBe('org_A');
  });
});

describe('reverseEntry', () => {
  it('negates every posting of the original', () => {
    // Prepare
    const original = createEntry(confirmation(2_500_000));
    // Act
    const reversal = reverseEntry(original, reversalMeta);
    // Assess
    expect(reversal.postings).toEqual(original.postings.map((p) => ({ account: p.account, amount: -p.amount })));
  });

  it('points at the original and is typed as a reversal in the same fund', () => {
    const original = createEntry(confirmation(2_500_000));

    const reversal = reverseEntry(original, reversalMeta);

    expect(reversal).toMatchObject({
      id: 'entry_2',
      type: 'reversal',
      reverses: 'entry_1',
      fund: 'CSR',
      createdBy: 'treasurer-2',
    });
    expect(reversal.refs).toEqual({ contributionId: 'ctb_1', orgId: 'org_A', reason: 'bounced transfer' });
  });

  it('leaves the original untouched', () => {
    const original = createEntry(confirmation(2_500_000));
    const copy = structuredClone(original);

    reverseEntry(original, reversalMeta);

    expect(original).toEqual(copy);
  });

  it('returns balances to where they were when applied after the original', () => {
    // Prepare
    const start = new Map([
      [fundCsr, 10_000_000],
      [companyCsr, 10_000_000],
    ]);
    const original = createEntry(confirmation(2_500_000));
    const reversal = reverseEntry(original, reversalMeta);
    // Act
    const afterOriginal = applyEntry(start, original);
    const afterReversal = applyEntry(afterOriginal, reversal);
    // Assess
    expect(afterOriginal.get(fundCsr)).toBe(12_500_000);
    expect(afterReversal).toEqual(start);
  });
});

describe('applyEntry', () => {
  it('raises the fund (debit-normal) and the contributor (credit-normal) by the confirmed amount', () => {
    // Act
    const balances = applyEntry(new Map(), createEntry(confirmation(7_000)));
    // Assess
    expect(balances.get(fundCsr)).toBe(7_000);
    expect(balances.get(companyCsr)).toBe(7_000);
  });

  it('throws NegativeBalanceError naming the fund account that would go below zero', () => {
    // Prepare
    const balances = new Map([
      [fundCsr, 100],
      [companyCsr, 1_000],
    ]);
    const withdrawal = createEntry(
      confirmation(0, [
        { account: companyCsr, amount: 500 },
        { account: fundCsr, amount: -500 },
      ]),
    );
    // Act
    const attempt = () => applyEntry(balances, withdrawal);
    // Assess
    expect(attempt).toThrow(NegativeBalanceError);
    expect(attempt).toThrow(expect.objectContaining({ account: 'fund:CSR' }));
  });

  it('leaves the input balances untouched when it throws part-way through an entry', () => {
    // Prepare
    const balances = new Map([
      [fundCsr, 100],
      [companyCsr, 1_000],
    ]);
    const before = new Map(balances);
    const withdrawal = createEntry(
      confirmation(0, [
        { account: companyCsr, amount: 500 },
        { account: fundCsr, amount: -500 },
      ]),
    );
    // Act
    expect(() => applyEntry(balances, withdrawal)).toThrow(NegativeBalanceError);
    // Assess
    expect(balances).toEqual(before);
  });

  it('returns a new map and never changes the one it was given', () => {
    const balances = new Map([[fundCsr, 0]]);

    const next = applyEntry(balances, createEntry(confirmation(1_000)));

    expect(next).not.toBe(balances);
    expect(balances).toEqual(new Map([[fundCsr, 0]]));
  });

  it('allows a fund to fall exactly to zero', () => {
    const balances = new Map([
      [fundCsr, 500],
      [companyCsr, 500],
    ]);
    const original = createEntry(confirmation(500));

    const next = applyEntry(balances, reverseEntry(original, reversalMeta));

    expect(next.get(fundCsr)).toBe(0);
  });
});
