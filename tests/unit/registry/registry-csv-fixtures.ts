import { banjarmasinRegions } from '../../../shared/regions/banjarmasin-kelurahan.ts';
import type { ExistingRegistry } from '../../../shared/registry/existing-registry.ts';
import type { HouseholdRecord } from '../../../shared/registry/household.ts';
import type { ImportReport } from '../../../shared/registry/import-report.ts';
import { registryColumns, type RegistryColumn } from '../../../shared/registry/registry-columns.ts';
import { validateRegistryCsv } from '../../../shared/registry/validate-registry-csv.ts';

/** 11:00 WITA on 20 November 2025. */
export const now = new Date('2025-11-20T03:00:00Z');

export type RowValues = Record<RegistryColumn, string>;

export const validValues: RowValues = {
  nik: '6371015708800001',
  no_kk: '6371010203150001',
  nama: 'Siti Aminah',
  alamat: 'Jl. Kelayan A Gg. Rahayu No. 12',
  kode_kelurahan: '63.71.01.1004',
  kode_kecamatan: '63.71.01',
  desil: '2',
  jumlah_anggota: '4',
  tanggal_verifikasi: '2025-03-31',
  disabilitas: 'tidak',
  lansia: 'ya',
  perempuan_kepala: 'ya',
  mustahik: 'tidak',
  status: 'aktif',
};

export function headerLine(separator = ','): string {
  return registryColumns.join(separator);
}

/** One CSV line in column order; values holding the separator, a quote or a line break are quoted. */
export function rowLine(overrides: Partial<RowValues> = {}, separator = ','): string {
  const values = { ...validValues, ...overrides };
  return registryColumns
    .map((column) => {
      const value = values[column];
      return value.includes(separator) || /["\r\n]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
    })
    .join(separator);
}

/** The n-th of a set of distinct valid households (own NIK and KK), as CSV values. */
export function householdValues(n: number, overrides: Partial<RowValues> = {}): Partial<RowValues> {
  const serial = String(n).padStart(4, '0');
  return { nik: `637101570880${serial}`, no_kk: `637101020315${serial}`, ...overrides };
}

/** A comma-separated file: the header, then the given lines, LF line ends, trailing newline. */
export function csvFile(...lines: string[]): string {
  return `${[headerLine(), ...lines].join('\n')}\n`;
}

export interface Validated {
  readonly households: HouseholdRecord[];
  readonly report: ImportReport;
}

export async function validate(
  source: string | AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: { existing?: ExistingRegistry; now?: Date; maxReportedErrors?: number } = {},
): Promise<Validated> {
  const validation = validateRegistryCsv(typeof source === 'string' ? [source] : source, {
    city: banjarmasinRegions,
    now: options.now ?? now,
    ...(options.existing ? { existing: options.existing } : {}),
    ...(options.maxReportedErrors ? { maxReportedErrors: options.maxReportedErrors } : {}),
  });
  const households: HouseholdRecord[] = [];
  for await (const household of validation.records()) households.push(household);
  return { households, report: validation.report() };
}

/** The source cut into pieces of `size` bytes, as a generator would feed it. */
export async function* inPiecesOf(size: number, bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}
