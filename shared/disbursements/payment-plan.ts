import { normaliseTransferRef } from '../domain/contributions.ts';
import { accountNames, createEntry, reverseEntry, type Attribution, type LedgerEntry } from '../domain/ledger.ts';
import { sumRupiah, type Rupiah } from '../domain/money.ts';
import type { LineFunding } from '../proposals/proposal.ts';
import { disbursementEntryIds, type Channel, type Disbursement } from './disbursement.ts';
import type { ReachedChange, SourceShare } from './ports.ts';

/** References are compared without case or spacing, as tellers and bank exports write them differently. */
export function paymentReferenceKey(channel: Channel, reference: string): string {
  return `${channel}#${normaliseTransferRef(reference)}`;
}

/** What each contributor put into the line, one entry per organisation (first-seen order). */
export function contributorShares(fundedBy: readonly LineFunding[]): Map<string, Rupiah> {
  const shares = new Map<string, Rupiah>();
  for (const part of fundedBy) shares.set(part.orgId, sumRupiah([shares.get(part.orgId) ?? 0, part.amount]));
  return shares;
}

/** What each contribution put into the line, one entry per contribution (first-seen order). */
export function sourceShares(fundedBy: readonly LineFunding[]): SourceShare[] {
  const shares = new Map<string, SourceShare>();
  for (const part of fundedBy) {
    const known = shares.get(part.contributionId);
    shares.set(part.contributionId, {
      contributionId: part.contributionId,
      confirmedAt: part.confirmedAt,
      amount: sumRupiah([known?.amount ?? 0, part.amount]),
    });
  }
  return [...shares.values()];
}

/**
 * How each contributor's reachedHousehold item moves when the line is paid (`direction` 1) or its
 * payment returns (−1), given the amounts read first. A household counts as reached by a
 * contributor while that contributor's money in it is above zero.
 */
export function reachedChanges(
  shares: ReadonlyMap<string, Rupiah>,
  before: ReadonlyMap<string, Rupiah>,
  direction: 1 | -1,
): ReachedChange[] {
  return [...shares].map(([orgId, share]) => {
    const held = before.get(orgId);
    if (direction === 1) {
      return { orgId, amount: share, before: held, reachedDelta: (held ?? 0) <= 0 ? 1 : 0 };
    }
    if (held === undefined || held < share) {
      throw new Error(`reachedHousehold of ${orgId} holds ${held ?? 'nothing'}, less than the ${share} returning`);
    }
    return { orgId, amount: -share, before: held, reachedDelta: held === share ? -1 : 0 };
  });
}

function attributions(disbursement: Disbursement): Attribution[] {
  return disbursement.fundedBy.map((part) => ({
    use: disbursement.lineId,
    contributionId: part.contributionId,
    orgId: part.orgId,
    amount: part.amount,
  }));
}

/** Paying the line: the household's payable goes to the money paid out in its kecamatan. */
export function paidEntry(disbursement: Disbursement): LedgerEntry {
  const { fund, amount } = disbursement;
  return createEntry({
    id: disbursement.entryId,
    type: 'disbursement.paid',
    fund,
    postings: [
      { account: accountNames.payable(disbursement.household, fund), amount: -amount },
      { account: accountNames.households(disbursement.kecamatan, fund), amount },
    ],
    refs: {
      disbursementId: disbursement.id,
      lineId: disbursement.lineId,
      proposalId: disbursement.proposalId,
      evidenceSha256: disbursement.evidenceSha256,
    },
    attributions: attributions(disbursement),
    createdAt: disbursement.recordedAt,
    createdBy: disbursement.recordedBy,
  });
}

/**
 * A returned payment never edits the paid entry: its exact reversal puts the money back into the
 * household's payable, and a release moves it from there back into the fund's available money.
 */
export function returnEntries(
  paid: LedgerEntry,
  disbursement: Disbursement,
  ret: { readonly reason: string; readonly at: string; readonly by: string },
): { reversal: LedgerEntry; release: LedgerEntry } {
  const reversal = reverseEntry(paid, {
    id: disbursementEntryIds.reversal(disbursement.id),
    createdAt: ret.at,
    createdBy: ret.by,
    reason: ret.reason,
  });
  const { fund, amount } = disbursement;
  const release = createEntry({
    id: disbursementEntryIds.release(disbursement.id),
    type: 'allocation.released',
    fund,
    postings: [
      { account: accountNames.payable(disbursement.household, fund), amount: -amount },
      { account: accountNames.fund(fund), amount },
    ],
    refs: {
      disbursementId: disbursement.id,
      lineId: disbursement.lineId,
      proposalId: disbursement.proposalId,
      reason: ret.reason,
    },
    attributions: attributions(disbursement),
    createdAt: ret.at,
    createdBy: ret.by,
  });
  return { reversal, release };
}
