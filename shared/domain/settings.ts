import type { Fund } from './funds.ts';
import type { Rupiah } from './money.ts';

/** Zakat law (UU 23/2011): the amil (operating) share is at most 12.5 % of zakat in the period. */
export const zakatAmilLimit = 0.125;

/**
 * Programme settings the admin keeps. Shares are fractions (0.05 = 5 %) of the money the fund
 * received (confirmed) in the same fiscal year (= calendar year).
 */
export interface PolicySettings {
  /** Ceiling per household per fiscal year over all funds and programmes; null = no ceiling. */
  readonly householdAnnualCap: Rupiah | null;
  /** Ceremonial spending allowed per fund. Zakat is always 0: ceremonies are never paid from zakat. */
  readonly ceremonialCap: Readonly<Record<Fund, number>>;
  /** Amil (operating) share per fund; CSR has none, zakat at most 12.5 %. */
  readonly amilCap: Readonly<Record<Fund, number>>;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

export const defaultPolicySettings: PolicySettings = {
  householdAnnualCap: null,
  ceremonialCap: { CSR: 0, ZAKAT: 0, INFAK: 0 },
  amilCap: { CSR: 0, ZAKAT: zakatAmilLimit, INFAK: zakatAmilLimit },
};

/** The fiscal year of an instant or date: the calendar year, as the city's books run. */
export function fiscalYearOf(dateOrInstant: string): number {
  return Number(dateOrInstant.slice(0, 4));
}
