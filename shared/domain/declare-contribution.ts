import { actsFor, requireRole, type Caller } from './caller.ts';
import type { Contribution } from './contributions.ts';
import { forbidden, notFound, unprocessable } from './errors.ts';
import type { Fund } from './funds.ts';
import { newId } from './ids.ts';
import type { Rupiah } from './money.ts';
import { fundsAllowedFor, mayContribute } from './organisations.ts';
import type { TerangStore } from './store.ts';

export interface DeclareContributionInput {
  readonly orgId: string;
  readonly pledgeId?: string;
  readonly fund: Fund;
  readonly amount: Rupiah;
  readonly transferRef: string;
  readonly transferredAt: Date;
}

/** Bank and server clocks differ a little; a transfer stamped minutes ahead is not "in the future". */
const clockSkewMs = 5 * 60 * 1000;

export async function declareContribution(
  store: TerangStore,
  caller: Caller,
  input: DeclareContributionInput,
  now: Date,
): Promise<Contribution> {
  requireRole(caller, 'company', 'baznas');
  if (!actsFor(caller, input.orgId)) {
    throw forbidden('forbidden_organisation', 'you may only declare transfers of your own organisation', 'orgId');
  }
  if (input.transferredAt.getTime() > now.getTime() + clockSkewMs) {
    throw unprocessable('transfer_in_future', 'transferredAt lies in the future', 'transferredAt');
  }
  const organisation = await store.getOrganisation(input.orgId);
  if (!organisation) throw notFound('organisation_not_found', `no organisation with id ${input.orgId}`, 'orgId');
  if (!mayContribute(organisation.kind, input.fund)) {
    throw unprocessable(
      organisation.kind === 'company' ? 'fund_not_allowed_for_company' : 'fund_not_allowed_for_baznas',
      `a ${organisation.kind === 'company' ? 'company' : 'BAZNAS'} may contribute only to ${fundsAllowedFor(organisation.kind).join(' or ')}, not ${input.fund}`,
      'fund',
    );
  }

  let earmark: Contribution['earmark'];
  if (input.pledgeId) {
    const pledge = await store.getPledge(input.pledgeId);
    if (!pledge) throw notFound('pledge_not_found', `no pledge with id ${input.pledgeId}`, 'pledgeId');
    if (pledge.orgId !== input.orgId) {
      throw unprocessable('pledge_of_another_organisation', 'the pledge belongs to another organisation', 'pledgeId');
    }
    earmark = pledge.earmark;
  }

  const contribution: Contribution = {
    id: newId('ctb', now),
    orgId: input.orgId,
    ...(input.pledgeId ? { pledgeId: input.pledgeId } : {}),
    fund: input.fund,
    amount: input.amount,
    transferRef: input.transferRef,
    transferredAt: input.transferredAt.toISOString(),
    ...(earmark ? { earmark } : {}),
    status: 'declared',
    declaredAt: now.toISOString(),
    declaredBy: caller.sub,
  };
  await store.putContribution(contribution);
  return contribution;
}
