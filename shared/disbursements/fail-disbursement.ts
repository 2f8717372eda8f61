import { requireRole, type Caller } from '../domain/caller.ts';
import { conflict, notFound } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import type { Disbursement } from './disbursement.ts';
import { contributorShares, reachedChanges, returnEntries, sourceShares } from './payment-plan.ts';
import { RaceLost, type DisbursementStore } from './ports.ts';
import { maxRaceRetries, raceBackOff, reachedBefore } from './record-disbursement.ts';

/**
 * The payment bounced or came back: the money returns to the fund and to the very contributions
 * that paid it, through two new entries (the paid entry's reversal, then a release of the
 * household's payable); nothing is edited. The line stays `returned` for good: a new proposal
 * pays the household. Counts on the contributors' and the household's totals fall back alike.
 */
export async function failDisbursement(
  deps: { readonly disbursements: DisbursementStore },
  caller: Caller,
  id: string,
  input: { readonly reason: string },
  now: Date,
): Promise<Disbursement> {
  requireRole(caller, 'officer');
  const disbursement = await deps.disbursements.getDisbursement(id);
  if (!disbursement) throw notFound('disbursement_not_found', `no disbursement with id ${id}`, 'id');
  if (disbursement.status !== 'paid') {
    throw conflict('already_returned', 'this payment was already recorded as returned', 'id');
  }
  const paid = await deps.disbursements.getEntry(disbursement.entryId);
  if (!paid) throw new Error(`the paid entry ${disbursement.entryId} of ${disbursement.id} is missing`);

  const at = now.toISOString();
  const { reversal, release } = returnEntries(paid, disbursement, { reason: input.reason, at, by: caller.sub });
  const returned: Disbursement = {
    ...disbursement,
    status: 'returned',
    returnedAt: at,
    returnedBy: caller.sub,
    returnReason: input.reason,
    reversalEntryId: reversal.id,
    releaseEntryId: release.id,
  };
  const activity = {
    id: newId('act', now),
    subject: disbursement.id,
    action: 'disbursement.returned',
    actor: caller.sub,
    role: 'officer' as const,
    at,
    details: {
      lineId: disbursement.lineId,
      proposalId: disbursement.proposalId,
      fund: disbursement.fund,
      kecamatan: disbursement.kecamatan,
      amount: disbursement.amount,
      reason: input.reason,
    },
  };
  const shares = contributorShares(disbursement.fundedBy);
  const sources = sourceShares(disbursement.fundedBy);
  for (let attempt = 0; ; attempt += 1) {
    const before = await reachedBefore(deps.disbursements, [...shares.keys()], disbursement.household);
    try {
      await deps.disbursements.recordReturn({
        returned,
        reversal,
        release,
        reached: reachedChanges(shares, before, -1),
        sources,
        activity,
      });
      return returned;
    } catch (error) {
      if (!(error instanceof RaceLost)) throw error;
      if (attempt >= maxRaceRetries) {
        throw conflict('busy', 'other payments kept changing the same totals; nothing was written, try again', 'id');
      }
      await raceBackOff(attempt);
    }
  }
}
