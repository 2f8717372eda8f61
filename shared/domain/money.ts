/** Integer rupiah. Indonesia has no sen in circulation, so money never has a fractional part. */
export type Rupiah = number;

/** Upper bound for any single amount: Rp 1.000.000.000.000.000 (10^15), well inside 2^53. */
export const MAX_AMOUNT: Rupiah = 1_000_000_000_000_000;

export function isValidAmount(value: unknown): value is Rupiah {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= MAX_AMOUNT;
}

/** Adds amounts, refusing to leave the safe-integer range instead of silently losing rupiah. */
export function sumRupiah(amounts: Iterable<Rupiah>): Rupiah {
  let total = 0;
  for (const amount of amounts) {
    total += amount;
    if (!Number.isSafeInteger(total)) throw new RangeError('sum of rupiah amounts left the safe integer range');
  }
  return total;
}

// Created on first use: building an Intl formatter loads ICU locale data, which would add to every
// Lambda cold start whose handler never formats money.
let rupiahFormat: Intl.NumberFormat | undefined;

/** `Rp 1.234.567` with a plain space, as printed in Indonesian financial reports. */
export function formatRupiah(amount: Rupiah): string {
  rupiahFormat ??= new Intl.NumberFormat('id-ID', {
    style: 'currency',
    currency: 'IDR',
    maximumFractionDigits: 0,
    minimumFractionDigits: 0,
  });
  return rupiahFormat.format(amount).replace(/\s/gu, ' ');
}
