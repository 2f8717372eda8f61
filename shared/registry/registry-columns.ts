/** The columns of a household registry CSV, as named in the header (any case, spaces around). */
export const registryColumns = [
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

export type RegistryColumn = (typeof registryColumns)[number];

/** The `column` of an error about a whole row (its shape), not one of its fields. */
export const rowColumn = '(baris)';
/** The `column` of an error about the whole file (it has no header at all). */
export const fileColumn = '(berkas)';

export type ReportColumn = RegistryColumn | typeof rowColumn | typeof fileColumn;

/** Where each registry column sits in a row, plus how many fields the header has. */
export interface ColumnPositions {
  readonly index: Readonly<Record<RegistryColumn, number>>;
  readonly width: number;
}

export interface HeaderProblem {
  readonly column: RegistryColumn;
  readonly code: 'missing_column' | 'duplicate_column';
}

/**
 * `Jumlah Anggota`, ` NO_KK ` and `no-kk` all name `jumlah_anggota`/`no_kk`: case, spaces around
 * and a space or hyphen between words do not matter. Other columns (a running number, notes) are
 * ignored.
 */
export function headerName(field: string): string {
  return field
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/gu, '_');
}

export function readHeader(fields: readonly string[]): { positions?: ColumnPositions; problems: HeaderProblem[] } {
  const names = fields.map(headerName);
  const problems: HeaderProblem[] = [];
  const index = {} as Record<RegistryColumn, number>;
  for (const column of registryColumns) {
    const position = names.indexOf(column);
    if (position === -1) problems.push({ column, code: 'missing_column' });
    else if (names.indexOf(column, position + 1) !== -1) problems.push({ column, code: 'duplicate_column' });
    index[column] = position;
  }
  return problems.length > 0 ? { problems } : { positions: { index, width: fields.length }, problems };
}

const columnRank = new Map<string, number>([rowColumn, ...registryColumns].map((column, rank) => [column, rank]));

/** Errors of one row in the order of the columns, so a report reads left to right like the sheet. */
export function inColumnOrder<Item extends { readonly column: string }>(items: readonly Item[]): Item[] {
  return [...items].sort((a, b) => (columnRank.get(a.column) ?? 0) - (columnRank.get(b.column) ?? 0));
}
