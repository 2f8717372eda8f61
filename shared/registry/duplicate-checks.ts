import type { CheckedRow } from './household-row.ts';
import { importError } from './import-errors.ts';
import { SixteenDigitMap } from './sixteen-digit-map.ts';

/** What the registry already holds for the keys of a batch of rows. */
export interface HeldKeys {
  readonly noKkOfNik: ReadonlyMap<string, string>;
  readonly kecamatanOfNoKk: ReadonlyMap<string, string>;
}

export const nothingHeld: HeldKeys = { noKkOfNik: new Map(), kecamatanOfNoKk: new Map() };

/**
 * The checks that look beyond one row. Rows arrive in file order, so the first row with a NIK or
 * KK sets what later rows are measured against (it has already been streamed out by then).
 * Only numbers are kept per key: the line a NIK first appeared on, the kecamatan a KK lies in.
 *
 * The file is consulted before the registry: when accepted rows are committed while the file is
 * still being read, the registry may already hold this file's earlier rows, and a clash between
 * two rows of the file should be reported as such.
 */
export class DuplicateChecks {
  private readonly firstLineOfNik = new SixteenDigitMap();
  private readonly kecamatanOfNoKk = new SixteenDigitMap();

  constructor(private readonly kecamatanCodes: readonly string[]) {}

  /** Adds the row's cross-row errors to `row.errors`. */
  check(row: CheckedRow, held: HeldKeys): void {
    const { line, nik, noKk, kecamatan } = row;
    if (nik !== undefined) {
      const firstLine = this.firstLineOfNik.setIfAbsent(nik, line);
      const heldNoKk = held.noKkOfNik.get(nik);
      if (firstLine !== undefined) row.errors.push(importError(line, 'nik', 'duplicate_nik', firstLine));
      // The same NIK under the same KK is that household again: an update, not a clash.
      else if (heldNoKk !== undefined && noKk !== undefined && heldNoKk !== noKk) {
        row.errors.push(importError(line, 'nik', 'nik_held_by_other_kk'));
      }
    }
    if (noKk === undefined || kecamatan === undefined) return;
    const kecamatanInFile = this.kecamatanOfNoKk.get(noKk);
    if (kecamatanInFile !== undefined) {
      if (kecamatanInFile !== kecamatan) {
        const code = this.kecamatanCodes[kecamatanInFile] ?? '';
        row.errors.push(importError(line, 'no_kk', 'kk_in_two_kecamatan', code));
      }
      return;
    }
    const heldKecamatan = held.kecamatanOfNoKk.get(noKk);
    if (heldKecamatan !== undefined && heldKecamatan !== this.kecamatanCodes[kecamatan]) {
      // Not remembered for the file: later rows that agree with the registry stay acceptable.
      row.errors.push(importError(line, 'no_kk', 'kk_held_in_other_kecamatan', heldKecamatan));
      return;
    }
    this.kecamatanOfNoKk.setIfAbsent(noKk, kecamatan);
  }
}
