import { actsFor, hasRole, type Caller } from './caller.ts';
import { confirmationEntryId, type Contribution } from './contributions.ts';
import { conflict, forbidden, notFound } from './errors.ts';
import { accountNames, createEntry, type LedgerEntry } from './ledger.ts';
import type { TerangStore } from './store.ts';

export interface ConfirmationResult {
  readonly contribution: Contribution;
  readonly entry: LedgerEntry;
}

/**
 * The treasurer confirms that a declared transfer reached the account: the money moves from the
 * contributor's account into the fund. BAZNAS may also confirm its own zakat and infak, which the
 * city records but never holds.
 */
export async function confirmContribution(
  store: TerangStore,
  caller: Caller,
  contributionId: string,
  now: Date,
): Promise<ConfirmationResult> {
  if (!hasRole(caller, 'treasurer', 'baznas')) {
    throw forbidden('forbidden_role', 'only the treasurer confirms contributions');
  }
  const contribution = await store.getContribution(contributionId);
  if (!contribution) throw notFound('contribution_not_found', `no contribution with id ${contributionId}`, 'id');
  if (!hasRole(caller, 'treasurer') && !actsFor(caller, contribution.orgId)) {
    throw forbidden('forbidden_organisation', 'BAZNAS may confirm only its own contributions');
  }
  if (contribution.status !== 'declared') {
    throw conflict('already_confirmed', 'this contribution has already been confirmed', 'id');
  }

  const entry = createEntry({
    id: confirmationEntryId(contribution.id),
    type: 'contribution.confirmed',
    fund: contribution.fund,
    postings: [
      { account: accountNames.fund(contribution.fund), amount: contribution.amount },
      { account: accountNames.contributor(contribution.orgId, contribution.fund), amount: -contribution.amount },
    ],
    refs: {
      contributionId: contribution.id,
      orgId: contribution.orgId,
      ...(contribution.pledgeId ? { pledgeId: contribution.pledgeId } : {}),
    },
    createdAt: now.toISOString(),
    createdBy: caller.sub,
  });
  const confirmed: Contribution = {
    ...contribution,
    status: 'confirmed',
    confirmedAt: now.toISOString(),
    confirmedBy: caller.sub,
    entryId: entry.id,
  };
  await store.confirmContribution(confirmed, entry);
  return { contribution: confirmed, entry };
}
