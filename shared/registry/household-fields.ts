import type { HouseholdStatus } from './household.ts';

/**
 * Readers for single registry fields, each given the trimmed text and returning the value or
 * `undefined` when the text does not fit. They never throw: the row reader turns `undefined` into
 * the error for that column.
 */

const sixteenDigits = /^\d{16}$/u;
const smallWholeNumber = /^\d{1,2}$/u;

/** NIK and nomor KK: exactly 16 digits (a spreadsheet that turned them into 6,37E+15 fails here). */
export function isSixteenDigits(text: string): boolean {
  return sixteenDigits.test(text);
}

export function readDesil(text: string): number | undefined {
  const desil = smallWholeNumber.test(text) ? Number(text) : 0;
  return desil >= 1 && desil <= 10 ? desil : undefined;
}

/** 1 to 99: a KK of a hundred people is a typing error, and the count weighs in allocation. */
export function readJumlahAnggota(text: string): number | undefined {
  const count = smallWholeNumber.test(text) ? Number(text) : 0;
  return count >= 1 ? count : undefined;
}

const yes = new Set(['ya', 'true', '1']);
const no = new Set(['tidak', 'false', '0']);

export function readYesNo(text: string): boolean | undefined {
  const word = text.toLowerCase();
  if (yes.has(word)) return true;
  if (no.has(word)) return false;
  return undefined;
}

export function readStatus(text: string): HouseholdStatus | undefined {
  const word = text.toLowerCase();
  return word === 'aktif' || word === 'graduasi' ? word : undefined;
}

/** Names and addresses with line breaks and runs of spaces (from wrapped cells) made one line. */
export function oneLine(text: string): string {
  // Testing first spares a new string for the usual name that has nothing to fold.
  return /[^\S ]| {2}/u.test(text) ? text.replace(/\s+/gu, ' ').trim() : text;
}

/** U+FFFD is what the decoder leaves for bytes that are not UTF-8 (an ANSI export). */
export function hasUndecodableText(text: string): boolean {
  return text.includes('\uFFFD');
}
