import { describe, expect, it } from 'vitest';

import type { Disbursement } from '../../../shared/disbursements/disbursement.ts';
import {
  contributorShares,
  paidEntry,
  paymentReferenceKey,
  reachedChanges,
  returnEntries,
  sourceShares,
} from '../../../shared/disbursements/payment-plan.ts';
import { applyEntry } from '../../../shared/domain/ledger.ts';

const fundedBy = [
  { contributionId: 'ctb_1', orgId: 'org_A', confirmedAt: '2026-01-01T00:00:00.000Z', amount: 300_000 },
  { contributionId: 'ctb_2', orgId: 'org_B', confirmedAt: '2026-01-02T00:00:00.000Z', amount: 150_000 },
  { contributionId: 'ctb_3', orgId: 'org_A', confirmedAt: '2026-01-03T00:00:00.000Z', amount: 50_000 },
];

const disbursement: Disbursement = {
  id: 'dsb_1',
  lineId: 'alc_1-00000001',
  proposalId: 'alc_1',
  household: 'hh1',
  kecamatan: '63.71.01',
  fund: 'CSR',
  fiscalYear: 2026,
  amount: 500_000,
  channel: 'bank_transfer',
  reference: 'TRX 1',
  paidAt: '2026-11-20T02:15:00.000Z',
  evidenceSha256: 'ab'.repeat(32),
  status: 'paid',
  entryId: 'entry_paid_dsb_1',
  fundedBy,
  recordedBy: 'officer-1',
  recordedAt: '2026-11-21T00:00:00.000Z',
};

describe('paymentReferenceKey', () => {
  it('ignores case and spacing but keeps the channel apart', () => {
    expect(paymentReferenceKey('pos', ' trx 12 ab ')).toBe(paymentReferenceKey('pos', 'TRX12AB'));
    expect(paymentReferenceKey('pos', 'TRX12AB')).not.toBe(paymentReferenceKey('cash', 'TRX12AB'));
  });
});

describe('contributorShares and sourceShares', () => {
  it('adds up what each organisation put into the line', () => {
    expect([...contributorShares(fundedBy)]).toEqual([
      ['org_A', 350_000],
      ['org_B', 150_000],
    ]);
  });

  it('keeps one share per contribution, with its confirmation time', () => {
    expect(sourceShares([...fundedBy, { ...fundedBy[0]!, amount: 1 }])).toEqual([
      { contributionId: 'ctb_1', confirmedAt: '2026-01-01T00:00:00.000Z', amount: 300_001 },
      { contributionId: 'ctb_2', confirmedAt: '2026-01-02T00:00:00.000Z', amount: 150_000 },
      { contributionId: 'ctb_3', confirmedAt: '2026-01-03T00:00:00.000Z', amount: 50_000 },
    ]);
  });
});

describe('reachedChanges', () => {
  const shares = new Map([
    ['org_A', 350_000],
    ['org_B', 150_000],
  ]);

  it('counts a household newly reached when the contributor had no money in it yet', () => {
    expect(reachedChanges(shares, new Map([['org_B', 0]]), 1)).toEqual([
      { orgId: 'org_A', amount: 350_000, before: undefined, reachedDelta: 1 },
      { orgId: 'org_B', amount: 150_000, before: 0, reachedDelta: 1 },
    ]);
  });

  it('does not count a household again that the contributor already reached', () => {
    expect(reachedChanges(shares, new Map([['org_A', 1]]), 1)[0]).toEqual({
      orgId: 'org_A',
      amount: 350_000,
      before: 1,
      reachedDelta: 0,
    });
  });

  it('uncounts the household when a return takes the contributor back to zero', () => {
    expect(
      reachedChanges(
        shares,
        new Map([
          ['org_A', 350_000],
          ['org_B', 400_000],
        ]),
        -1,
      ),
    ).toEqual([
      { orgId: 'org_A', amount: -350_000, before: 350_000, reachedDelta: -1 },
      { orgId: 'org_B', amount: -150_000, before: 400_000, reachedDelta: 0 },
    ]);
  });

  it('refuses to return more than the contributor has in the household', () => {
    expect(() => reachedChanges(shares, new Map([['org_A', 100]]), -1)).toThrow(/org_A/u);
  });
});

describe('paidEntry', () => {
  it("moves the amount from the household's payable to its kecamatan's paid total", () => {
    const entry = paidEntry(disbursement);

    expect(entry).toMatchObject({
      id: 'entry_paid_dsb_1',
      type: 'disbursement.paid',
      fund: 'CSR',
      postings: [
        { account: 'payable:hh1:CSR', amount: -500_000 },
        { account: 'households:63.71.01:CSR', amount: 500_000 },
      ],
      refs: { disbursementId: 'dsb_1', lineId: 'alc_1-00000001', proposalId: 'alc_1' },
      createdAt: disbursement.recordedAt,
      createdBy: 'officer-1',
    });
  });

  it('attributes the payment to the contributions that funded the line, by line', () => {
    expect(paidEntry(disbursement).attributions).toEqual(
      fundedBy.map((part) => ({
        use: 'alc_1-00000001',
        contributionId: part.contributionId,
        orgId: part.orgId,
        amount: part.amount,
      })),
    );
  });
});

describe('returnEntries', () => {
  const ret = { reason: 'rekening ditutup', at: '2026-11-25T00:00:00.000Z', by: 'officer-2' };

  it('reverses the paid entry exactly, pointing at it', () => {
    const paid = paidEntry(disbursement);

    const { reversal } = returnEntries(paid, disbursement, ret);

    expect(reversal).toMatchObject({
      id: 'entry_return_dsb_1',
      type: 'reversal',
      reverses: paid.id,
      postings: paid.postings.map((posting) => ({ account: posting.account, amount: -posting.amount })),
      attributions: paid.attributions,
    });
  });

  it("releases the household's payable back into the fund", () => {
    const { release } = returnEntries(paidEntry(disbursement), disbursement, ret);

    expect(release).toMatchObject({
      id: 'entry_release_dsb_1',
      type: 'allocation.released',
      postings: [
        { account: 'payable:hh1:CSR', amount: -500_000 },
        { account: 'fund:CSR', amount: 500_000 },
      ],
      refs: { disbursementId: 'dsb_1', reason: 'rekening ditutup' },
      createdBy: 'officer-2',
    });
  });

  it('leaves the money in the fund, the payable where it was before the reservation, the kecamatan unpaid', () => {
    // Prepare: the household's line is reserved (fund → payable), then paid
    const reserved = new Map([
      ['fund:CSR', 0],
      ['payable:hh1:CSR', 500_000],
    ]);
    const paid = paidEntry(disbursement);
    const afterPayment = applyEntry(reserved, paid);

    // Act
    const { reversal, release } = returnEntries(paid, disbursement, ret);
    const afterReturn = applyEntry(applyEntry(afterPayment, reversal), release);

    // Assess
    expect(Object.fromEntries(afterReturn)).toEqual({
      'fund:CSR': 500_000,
      'payable:hh1:CSR': 0,
      'households:63.71.01:CSR': 0,
    });
  });
});
