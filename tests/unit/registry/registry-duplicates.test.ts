import { describe, expect, it } from 'vitest';

import { InMemoryExistingRegistry } from '../../../shared/registry/existing-registry.ts';
import { csvFile, householdValues, rowLine, validate, validValues } from './registry-csv-fixtures.ts';

const selatan = { kode_kecamatan: '63.71.01', kode_kelurahan: '63.71.01.1004' };
const timur = { kode_kecamatan: '63.71.02', kode_kelurahan: '63.71.02.1001' };

describe('validateRegistryCsv finds duplicates within the file', () => {
  it('accepts the first row with a NIK and reports a later one, naming the first line', async () => {
    // Prepare
    const file = csvFile(rowLine(householdValues(1)), rowLine(householdValues(2)), rowLine(householdValues(1)));
    // Act
    const { households, report } = await validate(file);
    // Assess
    expect(households.map((household) => household.nik)).toEqual([householdValues(1).nik, householdValues(2).nik]);
    expect(report.errors).toEqual([
      { line: 4, column: 'nik', code: 'duplicate_nik', message: 'NIK ini sudah muncul di baris 2' },
    ]);
  });

  it('reports a duplicate NIK even when the first row with it was rejected for another reason', async () => {
    // Prepare
    const file = csvFile(rowLine(householdValues(1, { desil: '0' })), rowLine(householdValues(1)));
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report.errors.map((error) => [error.line, error.code])).toEqual([
      [2, 'desil_invalid'],
      [3, 'duplicate_nik'],
    ]);
  });

  it('accepts two rows of one KK in the same kecamatan', async () => {
    // Prepare
    const kk = { no_kk: validValues.no_kk };
    const file = csvFile(rowLine(householdValues(1, kk)), rowLine(householdValues(2, kk)));
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report).toEqual({ accepted: 2, rejected: 0, errors: [] });
  });

  it('reports a KK that an earlier row placed in another kecamatan', async () => {
    // Prepare
    const kk = { no_kk: validValues.no_kk };
    const file = csvFile(
      rowLine(householdValues(1, { ...kk, ...selatan })),
      rowLine(householdValues(2, { ...kk, ...timur })),
    );
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report.errors).toEqual([
      {
        line: 3,
        column: 'no_kk',
        code: 'kk_in_two_kecamatan',
        message: 'Nomor KK ini sudah muncul di berkas ini dengan kecamatan lain (63.71.01)',
      },
    ]);
  });

  it('keeps finding duplicates among thousands of rows', async () => {
    // Prepare: 3000 distinct households, then the 1234th again
    const lines = Array.from({ length: 3000 }, (_, n) => rowLine(householdValues(n)));
    const file = csvFile(...lines, rowLine(householdValues(1234)));
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report.accepted).toBe(3000);
    expect(report.errors).toEqual([
      expect.objectContaining({ line: 3002, message: 'NIK ini sudah muncul di baris 1236' }),
    ]);
  });
});

describe('validateRegistryCsv checks against what the registry already holds', () => {
  it('reports a NIK held under another KK', async () => {
    // Prepare
    const existing = new InMemoryExistingRegistry([
      { nik: validValues.nik, noKk: '6371010101990001', kodeKecamatan: '63.71.01' },
    ]);
    // Act
    const { report } = await validate(csvFile(rowLine()), { existing });
    // Assess
    expect(report.errors).toEqual([
      { line: 2, column: 'nik', code: 'nik_held_by_other_kk', message: 'NIK ini sudah terdaftar pada nomor KK lain' },
    ]);
  });

  it('accepts a NIK held under the same KK, as an update of that household', async () => {
    // Prepare
    const existing = new InMemoryExistingRegistry([
      { nik: validValues.nik, noKk: validValues.no_kk, kodeKecamatan: '63.71.01' },
    ]);
    // Act
    const { report } = await validate(csvFile(rowLine({ desil: '5' })), { existing });
    // Assess
    expect(report).toEqual({ accepted: 1, rejected: 0, errors: [] });
  });

  it('reports a KK held in another kecamatan, naming that kecamatan', async () => {
    // Prepare
    const existing = new InMemoryExistingRegistry([
      { nik: '6371025708800009', noKk: validValues.no_kk, kodeKecamatan: '63.71.02' },
    ]);
    // Act
    const { report } = await validate(csvFile(rowLine(selatan)), { existing });
    // Assess
    expect(report.errors).toEqual([
      {
        line: 2,
        column: 'no_kk',
        code: 'kk_held_in_other_kecamatan',
        message: 'Nomor KK ini sudah terdaftar di kecamatan lain (63.71.02)',
      },
    ]);
  });

  it('accepts a later row of that KK which agrees with the registry', async () => {
    // Prepare
    const existing = new InMemoryExistingRegistry([
      { nik: '6371025708800009', noKk: validValues.no_kk, kodeKecamatan: '63.71.02' },
    ]);
    const kk = { no_kk: validValues.no_kk };
    const file = csvFile(
      rowLine(householdValues(1, { ...kk, ...selatan })),
      rowLine(householdValues(2, { ...kk, ...timur })),
    );
    // Act
    const { report } = await validate(file, { existing });
    // Assess
    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ line: 2, code: 'kk_held_in_other_kecamatan' })]);
  });

  it('reports a clash between two rows of the file as such even if the registry already holds the first', async () => {
    // Prepare: the registry may see the file's own first row when rows are committed while reading
    const existing = new InMemoryExistingRegistry([
      { nik: householdValues(1).nik as string, noKk: validValues.no_kk, kodeKecamatan: '63.71.01' },
    ]);
    const kk = { no_kk: validValues.no_kk };
    const file = csvFile(
      rowLine(householdValues(1, { ...kk, ...selatan })),
      rowLine(householdValues(1, { ...kk, ...timur })),
    );
    // Act
    const { report } = await validate(file, { existing });
    // Assess
    expect(report.errors.map((error) => error.code)).toEqual(['duplicate_nik', 'kk_in_two_kecamatan']);
  });

  it('asks the registry for the distinct well-formed NIKs of each batch of 500 rows', async () => {
    // Prepare: 1201 rows; rows 1101 to 1200 repeat NIKs of rows 1 to 100; the last NIK is malformed
    const asked: number[] = [];
    const registry = new InMemoryExistingRegistry();
    const existing = {
      noKkOfNik: async (niks: readonly string[]) => {
        asked.push(niks.length);
        return registry.noKkOfNik(niks);
      },
      kecamatanOfNoKk: (noKks: readonly string[]) => registry.kecamatanOfNoKk(noKks),
    };
    const lines = Array.from({ length: 1200 }, (_, n) => rowLine(householdValues(n % 1100)));
    // Act
    await validate(csvFile(...lines, rowLine({ nik: '123' })), { existing });
    // Assess
    expect(asked).toEqual([500, 500, 200]);
  });
});
