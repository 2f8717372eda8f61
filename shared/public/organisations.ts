import { accountType, type AccountName } from '../domain/ledger.ts';
import { sumRupiah, type Rupiah } from '../domain/money.ts';
import type { OrganisationKind } from '../domain/organisations.ts';
import { suppressionThreshold } from '../domain/public-report.ts';
import type { AccountBalance, TerangStore } from '../domain/store.ts';
import { noOutcome, organisationOutcomes, type OrganisationOutcome } from './outcomes.ts';

/** A contributor's promises, confirmed money and what that money did (see shared/public/outcomes.ts). */
export interface PublicOrganisation extends OrganisationOutcome {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly pledged: Rupiah;
  readonly confirmed: Rupiah;
}

function contributorOrg(account: AccountName): string {
  return account.split(':')[1] ?? '';
}

function confirmedByOrganisation(balances: readonly AccountBalance[]): Map<string, Rupiah> {
  const byOrg = new Map<string, Rupiah>();
  for (const { account, balance } of balances) {
    if (accountType(account) !== 'contributor') continue;
    const orgId = contributorOrg(account);
    byOrg.set(orgId, sumRupiah([byOrg.get(orgId) ?? 0, balance]));
  }
  return byOrg;
}

/**
 * Every organisation with its totals and outcomes. Reads: the organisation index, the aggregate
 * accounts, and one query per organisation for its stats and reached households (in parallel).
 */
export async function publicOrganisations(store: TerangStore): Promise<PublicOrganisation[]> {
  const [organisations, balances] = await Promise.all([store.listOrganisations(), store.listAccountBalances()]);
  const confirmed = confirmedByOrganisation(balances);
  const outcomes = organisationOutcomes(
    await store.listOrganisationOutcomes(organisations.map((org) => org.id)),
    suppressionThreshold,
  );
  return organisations
    .map((org) => ({
      id: org.id,
      name: org.name,
      kind: org.kind,
      pledged: org.pledged,
      confirmed: confirmed.get(org.id) ?? 0,
      ...(outcomes.get(org.id) ?? noOutcome),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'id'));
}
