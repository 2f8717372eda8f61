import { normaliseKecamatanCode, normaliseKelurahanCode } from '../regions/region-codes.ts';
import type { RegionIndex } from '../regions/region-index.ts';
import { isCalendarDate } from './calendar-date.ts';
import type { HouseholdRecord } from './household.ts';
import {
  hasUndecodableText,
  isSixteenDigits,
  oneLine,
  readDesil,
  readJumlahAnggota,
  readStatus,
  readYesNo,
} from './household-fields.ts';
import { importError, type ImportError, type PlainImportErrorCode } from './import-errors.ts';
import { rowColumn, type ColumnPositions, type RegistryColumn } from './registry-columns.ts';

export interface RowContext {
  readonly positions: ColumnPositions;
  readonly regions: RegionIndex;
  /** `YYYY-MM-DD` in the city's time zone; later verification dates are refused. */
  readonly today: string;
}

/**
 * One data row after its own fields are checked. The keys the duplicate checks need are kept
 * whenever they are well formed, even if another field of the row is wrong: a file that names a
 * NIK twice has a duplicate however the first of the two rows fares.
 */
export interface CheckedRow {
  readonly line: number;
  readonly errors: ImportError[];
  readonly nik?: string;
  readonly noKk?: string;
  /** The kecamatan's number in the `RegionIndex`, when the code is one of the city's. */
  readonly kecamatan?: number;
  /** Present only when every field passed. */
  readonly household?: HouseholdRecord;
}

/** The fields of one row, read column by column; every failure lands in `errors`. */
class RowFields {
  readonly errors: ImportError[] = [];

  constructor(
    readonly line: number,
    private readonly fields: readonly string[],
    private readonly positions: ColumnPositions,
  ) {}

  /** The column's trimmed text passed through `read`; undefined (and an error) when empty or unreadable. */
  read<T>(column: RegistryColumn, read: (text: string) => T | undefined, invalid: PlainImportErrorCode): T | undefined {
    const text = (this.fields[this.positions.index[column]] ?? '').trim();
    if (text === '') {
      this.errors.push(importError(this.line, column, 'required', column));
      return undefined;
    }
    const value = read(text);
    if (value === undefined) this.fail(column, invalid);
    return value;
  }

  fail(column: RegistryColumn, code: PlainImportErrorCode): void {
    this.errors.push(importError(this.line, column, code));
  }
}

const sixteenDigits = (text: string) => (isSixteenDigits(text) ? text : undefined);
const freeText = (text: string) => (hasUndecodableText(text) ? undefined : oneLine(text));
const calendarDate = (text: string) => (isCalendarDate(text) ? text : undefined);

export function checkHouseholdRow(line: number, fields: readonly string[], context: RowContext): CheckedRow {
  const { width } = context.positions;
  if (fields.length < width || fields.slice(width).some((extra) => extra.trim() !== '')) {
    return { line, errors: [importError(line, rowColumn, 'field_count', fields.length, width)] };
  }
  const row = new RowFields(line, fields, context.positions);

  const nik = row.read('nik', sixteenDigits, 'nik_invalid');
  const noKk = row.read('no_kk', sixteenDigits, 'no_kk_invalid');
  const nama = row.read('nama', freeText, 'encoding_invalid');
  const alamat = row.read('alamat', freeText, 'encoding_invalid');
  const kodeKelurahan = row.read('kode_kelurahan', normaliseKelurahanCode, 'kelurahan_invalid');
  const kodeKecamatan = row.read('kode_kecamatan', normaliseKecamatanCode, 'kecamatan_invalid');
  const desil = row.read('desil', readDesil, 'desil_invalid');
  const jumlahAnggota = row.read('jumlah_anggota', readJumlahAnggota, 'jumlah_anggota_invalid');
  const tanggalVerifikasi = row.read('tanggal_verifikasi', calendarDate, 'date_invalid');
  const disabilitas = row.read('disabilitas', readYesNo, 'boolean_invalid');
  const lansia = row.read('lansia', readYesNo, 'boolean_invalid');
  const perempuanKepala = row.read('perempuan_kepala', readYesNo, 'boolean_invalid');
  const mustahik = row.read('mustahik', readYesNo, 'boolean_invalid');
  const status = row.read('status', readStatus, 'status_invalid');

  const kecamatan = kodeKecamatan === undefined ? undefined : context.regions.kecamatanNumber(kodeKecamatan);
  if (kodeKecamatan !== undefined && kecamatan === undefined) row.fail('kode_kecamatan', 'kecamatan_unknown');
  if (kodeKelurahan !== undefined) {
    const kecamatanOfKelurahan = context.regions.kecamatanOf(kodeKelurahan);
    if (kecamatanOfKelurahan === undefined) row.fail('kode_kelurahan', 'kelurahan_unknown');
    else if (kecamatan !== undefined && kodeKecamatan !== undefined && kecamatanOfKelurahan !== kodeKecamatan) {
      row.errors.push(importError(line, 'kode_kelurahan', 'kelurahan_outside_kecamatan', kodeKecamatan));
    }
  }
  if (tanggalVerifikasi !== undefined && tanggalVerifikasi > context.today) {
    row.fail('tanggal_verifikasi', 'date_in_future');
  }

  const keys = { nik, noKk, kecamatan };
  if (
    row.errors.length > 0 ||
    nik === undefined ||
    noKk === undefined ||
    nama === undefined ||
    alamat === undefined ||
    kodeKelurahan === undefined ||
    kodeKecamatan === undefined ||
    desil === undefined ||
    jumlahAnggota === undefined ||
    tanggalVerifikasi === undefined ||
    disabilitas === undefined ||
    lansia === undefined ||
    perempuanKepala === undefined ||
    mustahik === undefined ||
    status === undefined
  ) {
    return { line, errors: row.errors, ...keys };
  }
  const household: HouseholdRecord = {
    nik,
    noKk,
    nama,
    alamat,
    kodeKelurahan,
    kodeKecamatan,
    desil,
    jumlahAnggota,
    tanggalVerifikasi,
    disabilitas,
    lansia,
    perempuanKepala,
    mustahik,
    status,
  };
  return { line, errors: row.errors, ...keys, household };
}
