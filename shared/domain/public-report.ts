import type { City, Kecamatan } from './city.ts';
import { funds, type Fund } from './funds.ts';
import { accountType, accountFund } from './ledger.ts';
import { sumRupiah, type Rupiah } from './money.ts';
import type { AccountBalance, TerangStore } from './store.ts';

export interface PublicSummary {
  readonly city: { readonly code: string; readonly name: string } | null;
  readonly demo: boolean;
  readonly pledged: Rupiah;
  readonly confirmed: Rupiah;
  /** Confirmed money per fund. */
  readonly byFund: Record<Fund, Rupiah>;
  /** Money currently held in (recorded for) each fund. */
  readonly balances: Record<Fund, Rupiah>;
  readonly organisations: number;
  readonly asOf: string;
}

function perFund(balances: readonly AccountBalance[], type: string): Record<Fund, Rupiah> {
  const totals = Object.fromEntries(funds.map((fund) => [fund, 0])) as Record<Fund, Rupiah>;
  for (const { account, balance } of balances) {
    if (accountType(account) === type)
      totals[accountFund(account)] = sumRupiah([totals[accountFund(account)], balance]);
  }
  return totals;
}

export async function publicSummary(store: TerangStore, now: Date): Promise<PublicSummary> {
  const [city, organisations, balances] = await Promise.all([
    store.getCity(),
    store.listOrganisations(),
    store.listAccountBalances(),
  ]);
  const byFund = perFund(balances, 'contributor');
  return {
    city: city ? { code: city.code, name: city.name } : null,
    demo: describeDemo(city),
    pledged: sumRupiah(organisations.map((org) => org.pledged)),
    confirmed: sumRupiah(Object.values(byFund)),
    byFund,
    balances: perFund(balances, 'fund'),
    organisations: organisations.length,
    asOf: now.toISOString(),
  };
}

/** Published counts of fewer households than this are withheld: a small cell can name a family. */
export const suppressionThreshold = 5;

export interface PublicKecamatan extends Kecamatan {
  /** Potential beneficiaries in the registry (active, desil 1–4); null when fewer than 5 or no registry yet. */
  readonly eligibleHouseholds: number | null;
  /** Households that graduated (graduasi); null when fewer than 5. */
  readonly graduated: number | null;
  /** Graduated households a follow-up found fallen back, each counted once; null when fewer than 5. */
  readonly fellBack: number | null;
}

/** Per kecamatan graduation counters (keys.kecamatanGraduationStats). */
export type GraduationCounts = ReadonlyMap<string, { readonly graduated: number; readonly fellBack: number }>;

export async function publicKecamatan(
  store: TerangStore,
  eligibleByKecamatan: Readonly<Record<string, number>> | undefined,
  graduationCounts: GraduationCounts = new Map(),
): Promise<PublicKecamatan[]> {
  const kecamatan = await store.listKecamatan();
  const shown = (count: number) => (count >= suppressionThreshold ? count : null);
  return kecamatan
    .map(({ code, name, poorHouseholds }) => {
      const eligible = eligibleByKecamatan?.[code] ?? 0;
      const graduation = graduationCounts.get(code);
      return {
        code,
        name,
        poorHouseholds,
        eligibleHouseholds: shown(eligible),
        graduated: shown(graduation?.graduated ?? 0),
        fellBack: shown(graduation?.fellBack ?? 0),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

function describeDemo(city: City | undefined): boolean {
  return city?.demo ?? false;
}
