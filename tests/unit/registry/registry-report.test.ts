import { describe, expect, it } from 'vitest';

import { banjarmasinRegions } from '../../../shared/regions/banjarmasin-kelurahan.ts';
import { InMemoryExistingRegistry } from '../../../shared/registry/existing-registry.ts';
import { importErrorCodes } from '../../../shared/registry/import-errors.ts';
import { validateRegistryCsv } from '../../../shared/registry/validate-registry-csv.ts';
import { csvFile, householdValues, now, rowLine, validate, validValues } from './registry-csv-fixtures.ts';

describe('the import report', () => {
  it('counts every data row once, as accepted or rejected', async () => {
    // Prepare
    const file = csvFile(
      rowLine(householdValues(1)),
      rowLine(householdValues(2, { desil: '0' })),
      rowLine(householdValues(3)),
    );
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report).toMatchObject({ accepted: 2, rejected: 1 });
  });

  it('gives each error exactly a line, a lower-case column, a code and a message', async () => {
    // Act
    const { report } = await validate(csvFile(rowLine({ lansia: 'mungkin' })));
    // Assess
    expect(Object.keys(report)).toEqual(['accepted', 'rejected', 'errors']);
    expect(report.errors).toEqual([
      { line: 2, column: 'lansia', code: 'boolean_invalid', message: 'Isi dengan ya/tidak, true/false atau 1/0' },
    ]);
  });

  it('lists errors up to the limit and counts the rest', async () => {
    // Prepare
    const bad = [1, 2, 3].map((n) => rowLine(householdValues(n, { desil: '0' })));
    // Act
    const { report } = await validate(csvFile(...bad), { maxReportedErrors: 2 });
    // Assess
    expect(report.errors.map((error) => error.line)).toEqual([2, 3]);
    expect(report.errorsOmitted).toBe(1);
    expect(report.rejected).toBe(3);
  });

  it('uses a distinct snake_case code for every rule', () => {
    expect(new Set(importErrorCodes).size).toBe(importErrorCodes.length);
    for (const code of importErrorCodes) expect(code).toMatch(/^[a-z]+(?:_[a-z]+)*$/u);
  });

  it('is not available before the records have been read to the end', async () => {
    // Prepare
    const validation = validateRegistryCsv([csvFile(rowLine())], { city: banjarmasinRegions, now });
    // Act
    const early = () => validation.report();
    // Assess
    expect(early).toThrow(/iterate records\(\) to the end/u);
  });

  it('comes from a dry run without the caller reading the records', async () => {
    // Prepare
    const validation = validateRegistryCsv([csvFile(rowLine(), rowLine({ status: 'x' }))], {
      city: banjarmasinRegions,
      now,
    });
    // Act
    const report = await validation.dryRun();
    // Assess
    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
  });

  it('refuses to read the source a second time', async () => {
    // Prepare
    const validation = validateRegistryCsv([csvFile(rowLine())], { city: banjarmasinRegions, now });
    await validation.dryRun();
    // Act
    const again = validation.records().next();
    // Assess
    await expect(again).rejects.toThrow(/reads its source once/u);
  });

  it('reports progress in bytes of the source and rows settled, ending at the whole file', async () => {
    // Prepare
    const text = csvFile(rowLine(householdValues(1)), rowLine(householdValues(2, { nama: 'Ré' })));
    const progress: { bytes: number; rows: number }[] = [];
    // Act
    await validateRegistryCsv([text.slice(0, 100), text.slice(100)], {
      city: banjarmasinRegions,
      now,
      onProgress: (update) => progress.push(update),
    }).dryRun();
    // Assess
    expect(progress.at(-1)).toEqual({ bytes: Buffer.byteLength(text), rows: 2 });
    expect(progress[0]?.bytes).toBe(100);
  });
});

describe('privacy of the import report', () => {
  const personal = {
    nik: '6371015708800001',
    noKk: '6371010203150001',
    nama: 'Rahmah Binti Abdullah',
    alamat: 'Jl. Kenanga Gg. Mawar No. 7',
  };

  it('never contains a NIK, KK, name or address, whatever the rows get wrong', async () => {
    // Prepare: every rule broken at least once by rows that carry the personal values
    const existing = new InMemoryExistingRegistry([
      { nik: personal.nik, noKk: '6371019999990001', kodeKecamatan: '63.71.01' },
      { nik: '6371019999990002', noKk: personal.noKk, kodeKecamatan: '63.71.03' },
    ]);
    const own = { nik: personal.nik, no_kk: personal.noKk, nama: personal.nama, alamat: personal.alamat };
    const file = csvFile(
      rowLine(own),
      rowLine({ ...own, kode_kecamatan: '63.71.02', kode_kelurahan: '63.71.02.1001' }),
      rowLine({ ...own, nik: personal.nik.slice(0, 15), no_kk: `${personal.noKk}9`, desil: '0' }),
      rowLine({ ...own, nik: `${personal.nik.slice(0, 15)}X`, kode_kelurahan: '63.71.02.1001', status: personal.nama }),
      rowLine({ ...own, tanggal_verifikasi: personal.alamat, lansia: personal.nama, jumlah_anggota: personal.nik }),
      `${rowLine(own)},${personal.nama}`,
      `${personal.nik},${personal.noKk},"${personal.alamat}`,
    );
    // Act
    const { report } = await validate(file, { existing });
    // Assess
    const text = JSON.stringify(report);
    expect(new Set(report.errors.map((error) => error.code))).toEqual(
      new Set([
        'nik_held_by_other_kk',
        'kk_held_in_other_kecamatan',
        'duplicate_nik',
        'nik_invalid',
        'no_kk_invalid',
        'desil_invalid',
        'kelurahan_outside_kecamatan',
        'status_invalid',
        'jumlah_anggota_invalid',
        'date_invalid',
        'boolean_invalid',
        'field_count',
        'unclosed_quote',
      ]),
    );
    for (const value of [...Object.values(personal), personal.nik.slice(0, 15), 'Rahmah', 'Kenanga']) {
      expect(text).not.toContain(value);
    }
  });

  it('accepts those personal values in a row with nothing else wrong (the rejections above come from the rules)', async () => {
    const { report } = await validate(csvFile(rowLine({ nik: personal.nik, nama: personal.nama })));

    expect(report.accepted).toBe(1);
  });

  it('names the line of the first occurrence, not its content, for a duplicate', async () => {
    const { report } = await validate(csvFile(rowLine(), rowLine()));

    expect(report.errors[0]?.message).toBe('NIK ini sudah muncul di baris 2');
    expect(JSON.stringify(report)).not.toContain(validValues.nik);
  });
});
