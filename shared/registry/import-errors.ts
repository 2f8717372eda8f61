import type { ReportColumn } from './registry-columns.ts';

/**
 * Every reason a row or file is refused, with its message in Bahasa Indonesia for the office that
 * prepared the file. Messages name the rule, never the value: a report may be shown, logged or
 * mailed, and NIK, KK, name and address are personal data (UU PDP 27/2022).
 */
const messages = {
  empty_file: () => 'Berkas kosong: tidak ada baris header',
  missing_column: (column: string) => `Kolom ${column} tidak ada di header`,
  duplicate_column: (column: string) => `Kolom ${column} muncul lebih dari sekali di header`,
  field_count: (found: number, expected: number) =>
    `Baris ini berisi ${found} kolom, sedangkan header berisi ${expected} kolom`,
  unclosed_quote: () => 'Tanda kutip (") dibuka tetapi tidak ditutup sampai akhir berkas',
  record_too_long: (limit: number) =>
    `Baris lebih panjang dari ${limit} karakter; periksa tanda kutip (") yang tidak ditutup`,
  required: (column: string) => `Kolom ${column} wajib diisi`,
  nik_invalid: () => 'NIK harus tepat 16 digit angka',
  no_kk_invalid: () => 'Nomor KK harus tepat 16 digit angka',
  encoding_invalid: () => 'Teks mengandung karakter yang bukan UTF-8; simpan ulang berkas sebagai CSV UTF-8',
  kecamatan_invalid: () => 'Kode kecamatan harus berbentuk 63.71.01 atau 637101',
  kecamatan_unknown: () => 'Kode kecamatan tidak terdaftar di kota ini',
  kelurahan_invalid: () => 'Kode kelurahan harus berbentuk 63.71.01.1001 atau 6371011001',
  kelurahan_unknown: () => 'Kode kelurahan tidak terdaftar di kota ini',
  kelurahan_outside_kecamatan: (kecamatan: string) => `Kelurahan ini tidak berada di kecamatan ${kecamatan}`,
  desil_invalid: () => 'Desil harus bilangan bulat 1 sampai 10',
  jumlah_anggota_invalid: () => 'Jumlah anggota harus bilangan bulat 1 sampai 99',
  date_invalid: () => 'Tanggal verifikasi harus tanggal yang benar berformat YYYY-MM-DD, misalnya 2025-03-31',
  date_in_future: () => 'Tanggal verifikasi tidak boleh melewati hari ini',
  boolean_invalid: () => 'Isi dengan ya/tidak, true/false atau 1/0',
  status_invalid: () => 'Status harus aktif atau graduasi',
  duplicate_nik: (firstLine: number) => `NIK ini sudah muncul di baris ${firstLine}`,
  nik_held_by_other_kk: () => 'NIK ini sudah terdaftar pada nomor KK lain',
  kk_in_two_kecamatan: (kecamatan: string) =>
    `Nomor KK ini sudah muncul di berkas ini dengan kecamatan lain (${kecamatan})`,
  kk_held_in_other_kecamatan: (kecamatan: string) => `Nomor KK ini sudah terdaftar di kecamatan lain (${kecamatan})`,
} satisfies Record<string, (...details: never[]) => string>;

export type ImportErrorCode = keyof typeof messages;

export const importErrorCodes = Object.keys(messages) as ImportErrorCode[];

/** Codes whose message needs no detail beyond the rule itself. */
export type PlainImportErrorCode = {
  [Code in ImportErrorCode]: Parameters<(typeof messages)[Code]> extends [] ? Code : never;
}[ImportErrorCode];

/** One refused row (or file), located by line and column only. */
export interface ImportError {
  /** Line on which the record starts; the header is line 1. */
  readonly line: number;
  /** Registry column in lower case, `(baris)` for the row's shape, `(berkas)` for the file. */
  readonly column: ReportColumn;
  readonly code: ImportErrorCode;
  readonly message: string;
}

export function importError<Code extends ImportErrorCode>(
  line: number,
  column: ReportColumn,
  code: Code,
  ...details: Parameters<(typeof messages)[Code]>
): ImportError {
  const message = (messages[code] as (...args: typeof details) => string)(...details);
  return { line, column, code, message };
}
