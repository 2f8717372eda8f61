import { unprocessable } from '../domain/errors.ts';
import { expenseCategoryLabels, isCeremonial, type ExpenseCategory } from '../domain/expense-categories.ts';
import type { Fund } from '../domain/funds.ts';
import { formatRupiah, type Rupiah } from '../domain/money.ts';
import { zakatAmilLimit, type PolicySettings } from '../domain/settings.ts';

/**
 * The spending rules for expenses, as pure functions: which fund may pay which category, and how
 * much ceremonial and amil spending a fund's confirmed money of the fiscal year allows. Each rule
 * that refuses throws a 422 naming the field, with the amounts in Rupiah and the shares in percent.
 */

/** What one fund received and spent under a cap in one fiscal year (the fundYear counters). */
export interface FundYearTotals {
  readonly confirmed: Rupiah;
  readonly ceremonial: Rupiah;
  readonly amil: Rupiah;
}

export const emptyFundYear: FundYearTotals = { confirmed: 0, ceremonial: 0, amil: 0 };

/** The fundYear counter a category is capped by, if any. */
export type CapCounter = 'ceremonial' | 'amil';

/** The organisationStats counter a contributor's share of an expense adds to (amil is programme). */
export type StatsCounter = 'ceremonial' | 'programme';

export function capCounterOf(category: ExpenseCategory): CapCounter | undefined {
  if (isCeremonial(category)) return 'ceremonial';
  return category === 'amil' ? 'amil' : undefined;
}

export function statsCounterOf(category: ExpenseCategory): StatsCounter {
  return isCeremonial(category) ? 'ceremonial' : 'programme';
}

/** Shares are kept to the millionth (0.0001 %), so a cap is computed in exact integer arithmetic. */
const sharePrecision = 1_000_000;

/** True when a share has at most six decimals (0.125, 0.0275), i.e. it is exact to the millionth. */
export function isExactShare(share: number): boolean {
  const scaled = share * sharePrecision;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/**
 * The rupiah a share of the confirmed money allows, rounded down: floor(share × confirmed).
 * Computed on integers (share in millionths, BigInt product) so 0.29 × 100 is 29, not 28.
 */
export function capLimit(share: number, confirmed: Rupiah): Rupiah {
  const millionths = BigInt(Math.round(share * sharePrecision));
  return Number((BigInt(confirmed) * millionths) / BigInt(sharePrecision));
}

let shareFormat: Intl.NumberFormat | undefined;

/** `12,5%`, `0%`: a share as an Indonesian percentage, like the Rupiah amounts beside it. */
export function formatShare(share: number): string {
  shareFormat ??= new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 4 });
  return shareFormat.format(share);
}

/**
 * The share the settings allow, with the law applied on top: zakat never pays ceremonies, CSR
 * has no amil, and the zakat amil share never exceeds 12.5 % (UU 23/2011), whatever was saved.
 */
export function effectiveShare(settings: PolicySettings, counter: CapCounter, fund: Fund): number {
  if (counter === 'ceremonial') return fund === 'ZAKAT' ? 0 : settings.ceremonialCap[fund];
  if (fund === 'CSR') return 0;
  return fund === 'ZAKAT' ? Math.min(settings.amilCap.ZAKAT, zakatAmilLimit) : settings.amilCap[fund];
}

function label(category: ExpenseCategory): string {
  return `${category} (${expenseCategoryLabels[category]})`;
}

/** Refuses the categories a fund may never pay, whatever the amount: ceremonies from zakat, amil from CSR. */
export function assertCategoryAllowed(fund: Fund, category: ExpenseCategory): void {
  if (fund === 'ZAKAT' && isCeremonial(category)) {
    throw unprocessable(
      'ceremonial_refused',
      `Zakat money may never pay for ceremonial spending such as ${label(category)}: zakat goes only to ` +
        'the 8 asnaf (UU 23/2011). Pay it from CSR or INFAK within their ceremonial cap, or not at all.',
      'category',
    );
  }
  if (fund === 'CSR' && category === 'amil') {
    throw unprocessable(
      'amil_not_allowed',
      'CSR money has no amil (operating) share: amil is paid only from ZAKAT or INFAK, within their amil cap.',
      'category',
    );
  }
}

export interface CapInput {
  readonly fund: Fund;
  readonly category: ExpenseCategory;
  readonly amount: Rupiah;
  readonly fiscalYear: number;
  readonly totals: FundYearTotals;
  readonly settings: PolicySettings;
}

/** A capped expense that fits: the counter to add to, and the most it may hold before this expense. */
export interface CapAllowance {
  readonly counter: CapCounter;
  readonly limit: Rupiah;
  /** limit − amount: the transaction re-checks that the counter is still at most this when it adds. */
  readonly limitBefore: Rupiah;
}

/**
 * Checks a ceremonial or amil expense against its cap: what the fund already spent on that in the
 * fiscal year plus this amount must stay within floor(share × confirmed in that year). Returns
 * undefined for a category without a cap; throws `ceremonial_cap_exceeded` or `amil_cap_exceeded`.
 */
export function checkSpendingCap(input: CapInput): CapAllowance | undefined {
  assertCategoryAllowed(input.fund, input.category);
  const counter = capCounterOf(input.category);
  if (!counter) return undefined;
  const share = effectiveShare(input.settings, counter, input.fund);
  const limit = capLimit(share, input.totals.confirmed);
  const used = input.totals[counter];
  if (used + input.amount <= limit) return { counter, limit, limitBefore: limit - input.amount };

  const { fund, fiscalYear, amount } = input;
  const basis =
    `${fund} received ${formatRupiah(input.totals.confirmed)} in ${fiscalYear}, so the cap of ` +
    `${formatShare(share)} allows at most ${formatRupiah(limit)}`;
  const excess =
    `${formatRupiah(used)} is already spent, and ${formatRupiah(amount)} more would exceed the cap by ` +
    `${formatRupiah(used + amount - limit)}`;
  if (counter === 'ceremonial') {
    throw unprocessable(
      'ceremonial_cap_exceeded',
      `Ceremonial spending (${label(input.category)}) from ${fund} is capped: ${basis}; ${excess}. ` +
        `Only an admin can change the cap (setting ceremonialCap.${fund} at POST /api/settings).`,
      'amount',
    );
  }
  const law = fund === 'ZAKAT' ? ` The law (UU 23/2011) never allows more than ${formatShare(zakatAmilLimit)}.` : '';
  throw unprocessable(
    'amil_cap_exceeded',
    `The amil (operating) share of ${fund} is capped: ${basis}; ${excess}. ` +
      `Only an admin can change the cap (setting amilCap.${fund} at POST /api/settings).${law}`,
    'amount',
  );
}

/** The fund must hold the whole amount in money not yet committed (the `fund:F` balance). */
export function assertFundCovers(fund: Fund, amount: Rupiah, available: Rupiah): void {
  if (amount > available) {
    throw unprocessable(
      'insufficient_fund',
      `The ${fund} fund has ${formatRupiah(available)} available, less than the ${formatRupiah(amount)} of this expense.`,
      'amount',
    );
  }
}

/** Earmarked money could not cover the expense: say how much is missing and why. */
export function noMatchingFunds(fund: Fund, amount: Rupiah, missing: Rupiah, kecamatan: string | undefined) {
  const where = kecamatan ? `in kecamatan ${kecamatan}` : 'city-wide';
  return unprocessable(
    'no_matching_funds',
    `Only ${formatRupiah(amount - missing)} of the ${fund} fund may pay for this expense ${where}: the rest is ` +
      `earmarked by its contributors for other kecamatan or categories (ceremonial and city-wide spending may use ` +
      `only money without such a restriction). ${formatRupiah(missing)} is missing.`,
    'amount',
  );
}
