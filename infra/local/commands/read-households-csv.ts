import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

import { problem } from '../../../shared/domain/errors.ts';
import type { HouseholdRecord } from '../../../shared/registry/household.ts';

/**
 * A deliberately minimal households CSV reader for `terang allocate`, to be replaced by the
 * registry's streaming reader and validator: header row naming the registry columns, comma or
 * semicolon (whichever the header uses), optional double quotes ("" inside quotes is a quote),
 * no line breaks inside fields. Rows come out one at a time, never all in memory.
 */

const columns = [
  'nik',
  'no_kk',
  'nama',
  'alamat',
  'kode_kelurahan',
  'kode_kecamatan',
  'desil',
  'jumlah_anggota',
  'tanggal_verifikasi',
  'disabilitas',
  'lansia',
  'perempuan_kepala',
  'mustahik',
  'status',
] as const;
type Column = (typeof columns)[number];

const yes = new Set(['ya', 'true', '1']);
const no = new Set(['tidak', 'false', '0']);

function invalid(file: string, line: number, column: string, message: string) {
  const path = `${file}:${line}.${column}`;
  return problem(422, 'invalid_households_csv', `${path} ${message}`, [{ path, message }]);
}

/** The fields of one line, or undefined when a quote is never closed. */
function splitFields(text: string, delimiter: string): string[] | undefined {
  if (!text.includes('"')) return text.split(delimiter);
  const fields: string[] = [];
  let at = 0;
  while (at <= text.length) {
    if (text[at] !== '"') {
      const end = text.indexOf(delimiter, at);
      fields.push(text.slice(at, end < 0 ? text.length : end));
      at = end < 0 ? text.length + 1 : end + 1;
      continue;
    }
    let value = '';
    let from = at + 1;
    for (;;) {
      const quote = text.indexOf('"', from);
      if (quote < 0) return undefined;
      value += text.slice(from, quote);
      if (text[quote + 1] !== '"') {
        from = quote + 1;
        break;
      }
      value += '"';
      from = quote + 2;
    }
    const end = text.indexOf(delimiter, from);
    fields.push(value + text.slice(from, end < 0 ? text.length : end));
    at = end < 0 ? text.length + 1 : end + 1;
  }
  return fields;
}

export async function* readHouseholdsCsv(file: string): AsyncGenerator<HouseholdRecord> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  let delimiter = ',';
  let positions: Record<Column, number> | undefined;
  for await (const text of lines) {
    lineNumber += 1;
    if (!positions) {
      const header = text.replace(/^\uFEFF/u, '');
      delimiter = header.includes(';') && !header.includes(',') ? ';' : ',';
      const names = (splitFields(header, delimiter) ?? []).map((name) => name.trim().toLowerCase());
      const missing = columns.filter((column) => !names.includes(column));
      if (missing.length > 0) throw invalid(file, 1, missing[0] as string, `column is missing from the header`);
      positions = Object.fromEntries(columns.map((column) => [column, names.indexOf(column)])) as Record<
        Column,
        number
      >;
      continue;
    }
    if (text.trim() === '') continue;
    const fields = splitFields(text, delimiter);
    if (!fields) throw invalid(file, lineNumber, 'line', 'has a quote that is never closed');
    const at = positions;
    const field = (column: Column) => (fields[at[column]] ?? '').trim();
    const whole = (column: Column) => {
      const value = field(column);
      if (!/^\d{1,5}$/u.test(value)) throw invalid(file, lineNumber, column, 'must be a whole number');
      return Number(value);
    };
    const yesNo = (column: Column) => {
      const value = field(column).toLowerCase();
      if (yes.has(value)) return true;
      if (no.has(value)) return false;
      throw invalid(file, lineNumber, column, 'must be ya or tidak');
    };
    const status = field('status').toLowerCase();
    if (status !== 'aktif' && status !== 'graduasi') {
      throw invalid(file, lineNumber, 'status', 'must be aktif or graduasi');
    }
    yield {
      nik: field('nik'),
      noKk: field('no_kk'),
      nama: field('nama'),
      alamat: field('alamat'),
      kodeKelurahan: field('kode_kelurahan'),
      kodeKecamatan: field('kode_kecamatan'),
      desil: whole('desil'),
      jumlahAnggota: whole('jumlah_anggota'),
      tanggalVerifikasi: field('tanggal_verifikasi'),
      disabilitas: yesNo('disabilitas'),
      lansia: yesNo('lansia'),
      perempuanKepala: yesNo('perempuan_kepala'),
      mustahik: yesNo('mustahik'),
      status,
    };
  }
}
