/**
 * Number, money and date formatting. Numbers always use Indonesian
 * conventions (id-ID), whatever the interface language.
 */
import type { Lang } from './i18n';

/** Non-breaking and narrow no-break spaces that Intl inserts. */
const HARD_SPACES = /[\u00a0\u202f]/g;

const rupiah = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  // IDR defaults to 2 minimum fraction digits; older engines throw unless
  // the minimum is lowered alongside the maximum.
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

const integer = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

const percent = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

/** Placeholder shown when a value cannot be computed. */
export const NOT_AVAILABLE = '–';

/** 1234567 → "Rp 1.234.567" (plain spaces only). */
export function formatRupiah(amount: number): string {
  return rupiah.format(amount).replace(HARD_SPACES, ' ');
}

/** 11417 → "11.417". */
export function formatInteger(value: number): string {
  return integer.format(value).replace(HARD_SPACES, ' ');
}

/** Confirmed as a percentage of pledged, or null when nothing was pledged. */
export function compliancePercent(pledged: number, confirmed: number): number | null {
  if (!(pledged > 0)) return null;
  return (confirmed / pledged) * 100;
}

/** 37.5 → "37,5 %"; null → "–". */
export function formatPercent(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NOT_AVAILABLE;
  return `${percent.format(value).replace(HARD_SPACES, ' ')} %`;
}

const share = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A fraction as a percentage with one decimal: 0.1234 → "12,3 %", 0 → "0,0 %". */
export function formatShare(fraction: number): string {
  if (!Number.isFinite(fraction)) return NOT_AVAILABLE;
  return `${share.format(fraction * 100).replace(HARD_SPACES, ' ')} %`;
}

/** Compliance cell text: confirmed ÷ pledged, "–" when pledged is 0. */
export function formatCompliance(pledged: number, confirmed: number): string {
  return formatPercent(compliancePercent(pledged, confirmed));
}

const MONTHS: Record<Lang, readonly string[]> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** WITA (Asia/Makassar) is UTC+8 all year: Indonesia has no daylight saving time. */
const WITA_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * "2026-11-23T07:20:00.000Z" → "23 November 2026 15.20 WITA" (id)
 * or "23 November 2026 15:20 WITA" (en). Invalid input → "–".
 */
export function formatWita(isoTimestamp: string, lang: Lang = 'id'): string {
  const ms = Date.parse(isoTimestamp);
  if (Number.isNaN(ms)) return NOT_AVAILABLE;
  const wita = new Date(ms + WITA_OFFSET_MS);
  const time = [pad2(wita.getUTCHours()), pad2(wita.getUTCMinutes())].join(lang === 'id' ? '.' : ':');
  return `${wita.getUTCDate()} ${MONTHS[lang][wita.getUTCMonth()]} ${wita.getUTCFullYear()} ${time} WITA`;
}
