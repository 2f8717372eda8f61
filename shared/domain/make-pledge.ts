import { actsFor, hasRole, requireRole, type Caller } from './caller.ts';
import { isKecamatanOf } from './city.ts';
import { forbidden, notFound, problem, unprocessable } from './errors.ts';
import { newId } from './ids.ts';
import type { Rupiah } from './money.ts';
import type { Earmark, Pledge } from './pledges.ts';
import type { TerangStore } from './store.ts';

export interface MakePledgeInput {
  readonly orgId: string;
  readonly amount: Rupiah;
  readonly fiscalYear: number;
  readonly earmark?: Earmark;
}

/** Pledges may be made for the running fiscal year, the previous one (late filings) and up to five ahead. */
const fiscalYearWindow = { behind: 1, ahead: 5 };

export async function makePledge(
  store: TerangStore,
  caller: Caller,
  input: MakePledgeInput,
  now: Date,
): Promise<Pledge> {
  requireRole(caller, 'admin', 'company');
  if (!hasRole(caller, 'admin') && !actsFor(caller, input.orgId)) {
    throw forbidden('forbidden_organisation', 'you may only pledge for your own organisation', 'orgId');
  }
  const currentYear = now.getUTCFullYear();
  if (
    input.fiscalYear < currentYear - fiscalYearWindow.behind ||
    input.fiscalYear > currentYear + fiscalYearWindow.ahead
  ) {
    throw unprocessable(
      'fiscal_year_out_of_range',
      `fiscalYear must be between ${currentYear - fiscalYearWindow.behind} and ${currentYear + fiscalYearWindow.ahead}`,
      'fiscalYear',
    );
  }
  const organisation = await store.getOrganisation(input.orgId);
  if (!organisation) throw notFound('organisation_not_found', `no organisation with id ${input.orgId}`, 'orgId');
  await assertEarmarkInCity(store, input.earmark);

  const pledge: Pledge = {
    id: newId('plg', now),
    orgId: input.orgId,
    amount: input.amount,
    fiscalYear: input.fiscalYear,
    ...(input.earmark ? { earmark: input.earmark } : {}),
    createdAt: now.toISOString(),
    createdBy: caller.sub,
  };
  await store.putPledge(pledge);
  return pledge;
}

async function assertEarmarkInCity(store: TerangStore, earmark: Earmark | undefined): Promise<void> {
  if (!earmark?.kecamatan?.length) return;
  const [city, kecamatan] = await Promise.all([store.getCity(), store.listKecamatan()]);
  const known = new Set(kecamatan.map((k) => k.code));
  const issues = earmark.kecamatan.flatMap((code, index) =>
    city && isKecamatanOf(city, code) && known.has(code)
      ? []
      : [{ path: `earmark.kecamatan.${index}`, message: `${code} is not a kecamatan of this city` }],
  );
  if (issues.length > 0) {
    throw problem(422, 'unknown_kecamatan', issues.map((issue) => issue.message).join('; '), issues);
  }
}
