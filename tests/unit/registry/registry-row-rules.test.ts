import { describe, expect, it } from 'vitest';

import type { RowValues } from './registry-csv-fixtures.ts';
import { csvFile, rowLine, validate, validValues } from './registry-csv-fixtures.ts';

/** Validates a file whose only data row (line 2) has the given values; returns the report. */
async function reportFor(overrides: Partial<RowValues>) {
  return (await validate(csvFile(rowLine(overrides)))).report;
}

describe('validateRegistryCsv checks each field of a row', () => {
  it('reports a NIK shorter than 16 digits on the line the record starts', async () => {
    // Act
    const report = await reportFor({ nik: '637101570880001' });
    // Assess
    expect(report).toEqual({
      accepted: 0,
      rejected: 1,
      errors: [{ line: 2, column: 'nik', code: 'nik_invalid', message: 'NIK harus tepat 16 digit angka' }],
    });
  });

  it.each([
    ['17 digits', '63710157088000012'],
    ['a letter among the digits', '63710157088O0001'],
    ['the scientific notation a spreadsheet makes of it', '6,37102E+15'],
    ['dots between the digits', '6371.0157.0880.0001'],
  ])('reports a NIK with %s', async (_label, nik) => {
    const report = await reportFor({ nik });

    expect(report.errors).toEqual([expect.objectContaining({ column: 'nik', code: 'nik_invalid' })]);
  });

  it('reports a nomor KK that is not 16 digits', async () => {
    const report = await reportFor({ no_kk: '63710102031500' });

    expect(report.errors).toEqual([
      { line: 2, column: 'no_kk', code: 'no_kk_invalid', message: 'Nomor KK harus tepat 16 digit angka' },
    ]);
  });

  it.each([
    'nik',
    'no_kk',
    'nama',
    'alamat',
    'kode_kelurahan',
    'desil',
    'tanggal_verifikasi',
    'mustahik',
    'status',
  ] as const)('reports an empty %s as required', async (column) => {
    const report = await reportFor({ [column]: '  ' });

    expect(report.errors).toEqual([{ line: 2, column, code: 'required', message: `Kolom ${column} wajib diisi` }]);
  });

  it('reports text that was not UTF-8 (an ANSI export) in a name', async () => {
    // Prepare: "José" saved as Windows-1252, where é is the single byte 0xE9
    const [before, after] = csvFile(rowLine({ nama: 'Jos#' })).split('#');
    const encoder = new TextEncoder();
    const bytes = new Uint8Array([...encoder.encode(before), 0xe9, ...encoder.encode(after)]);
    // Act
    const { report } = await validate([bytes]);
    // Assess
    expect(report.errors).toEqual([
      {
        line: 2,
        column: 'nama',
        code: 'encoding_invalid',
        message: 'Teks mengandung karakter yang bukan UTF-8; simpan ulang berkas sebagai CSV UTF-8',
      },
    ]);
  });

  it('keeps names written in UTF-8 beyond ASCII', async () => {
    const { households } = await validate(csvFile(rowLine({ nama: 'Nur ʿAini Ré' })));

    expect(households[0]?.nama).toBe('Nur ʿAini Ré');
  });
});

describe('validateRegistryCsv checks area codes against the city', () => {
  it('accepts codes without dots and keeps them dotted', async () => {
    // Act
    const { households } = await validate(csvFile(rowLine({ kode_kelurahan: '6371011004', kode_kecamatan: '637101' })));
    // Assess
    expect(households[0]).toMatchObject({ kodeKelurahan: '63.71.01.1004', kodeKecamatan: '63.71.01' });
  });

  it('reports a kecamatan code of the wrong shape', async () => {
    const report = await reportFor({ kode_kecamatan: '63-71-01' });

    expect(report.errors).toEqual([
      {
        line: 2,
        column: 'kode_kecamatan',
        code: 'kecamatan_invalid',
        message: 'Kode kecamatan harus berbentuk 63.71.01 atau 637101',
      },
    ]);
  });

  it('reports a kecamatan the city does not have', async () => {
    const report = await reportFor({ kode_kecamatan: '63.71.06' });

    expect(report.errors).toEqual([
      {
        line: 2,
        column: 'kode_kecamatan',
        code: 'kecamatan_unknown',
        message: 'Kode kecamatan tidak terdaftar di kota ini',
      },
    ]);
  });

  it('reports a kecamatan of another city', async () => {
    const report = await reportFor({ kode_kecamatan: '63.72.01', kode_kelurahan: '63.72.01.1001' });

    expect(report.errors).toEqual([
      expect.objectContaining({ column: 'kode_kelurahan', code: 'kelurahan_unknown' }),
      expect.objectContaining({ column: 'kode_kecamatan', code: 'kecamatan_unknown' }),
    ]);
  });

  it('reports a kelurahan code of the wrong shape', async () => {
    const report = await reportFor({ kode_kelurahan: '63.71.01.104' });

    expect(report.errors).toEqual([
      {
        line: 2,
        column: 'kode_kelurahan',
        code: 'kelurahan_invalid',
        message: 'Kode kelurahan harus berbentuk 63.71.01.1001 atau 6371011001',
      },
    ]);
  });

  it('reports a kelurahan the city does not have', async () => {
    const report = await reportFor({ kode_kelurahan: '63.71.01.1013' });

    expect(report.errors).toEqual([
      {
        line: 2,
        column: 'kode_kelurahan',
        code: 'kelurahan_unknown',
        message: 'Kode kelurahan tidak terdaftar di kota ini',
      },
    ]);
  });

  it('reports a kelurahan that lies in another kecamatan than the row names', async () => {
    // Prepare: Kuripan (63.71.02.1001) is in Banjarmasin Timur, not Selatan
    const overrides = { kode_kelurahan: '63.71.02.1001', kode_kecamatan: '63.71.01' };
    // Act
    const report = await reportFor(overrides);
    // Assess
    expect(report.errors).toEqual([
      {
        line: 2,
        column: 'kode_kelurahan',
        code: 'kelurahan_outside_kecamatan',
        message: 'Kelurahan ini tidak berada di kecamatan 63.71.01',
      },
    ]);
  });
});

describe('validateRegistryCsv checks numbers, dates, flags and status', () => {
  it.each(['0', '11', '2.5', '-1', 'dua'])('reports desil %s', async (desil) => {
    const report = await reportFor({ desil });

    expect(report.errors).toEqual([
      { line: 2, column: 'desil', code: 'desil_invalid', message: 'Desil harus bilangan bulat 1 sampai 10' },
    ]);
  });

  it.each(['1', '10'])('accepts desil %s', async (desil) => {
    const { households } = await validate(csvFile(rowLine({ desil })));

    expect(households[0]?.desil).toBe(Number(desil));
  });

  it.each(['0', '100', '3.0', 'empat'])('reports jumlah_anggota %s', async (jumlah_anggota) => {
    const report = await reportFor({ jumlah_anggota });

    expect(report.errors).toEqual([
      {
        line: 2,
        column: 'jumlah_anggota',
        code: 'jumlah_anggota_invalid',
        message: 'Jumlah anggota harus bilangan bulat 1 sampai 99',
      },
    ]);
  });

  it('accepts a household of one', async () => {
    const { households } = await validate(csvFile(rowLine({ jumlah_anggota: '1' })));

    expect(households[0]?.jumlahAnggota).toBe(1);
  });

  it.each([
    ['an impossible day', '2025-02-29'],
    ['month 13', '2025-13-01'],
    ['day 0', '2025-04-00'],
    ['the day-first form', '31/03/2025'],
    ['a date-time', '2025-03-31T10:00:00'],
  ])('reports a verification date with %s', async (_label, tanggal_verifikasi) => {
    const report = await reportFor({ tanggal_verifikasi });

    expect(report.errors).toEqual([
      {
        line: 2,
        column: 'tanggal_verifikasi',
        code: 'date_invalid',
        message: 'Tanggal verifikasi harus tanggal yang benar berformat YYYY-MM-DD, misalnya 2025-03-31',
      },
    ]);
  });

  it('accepts 29 February in a leap year', async () => {
    const { report } = await validate(csvFile(rowLine({ tanggal_verifikasi: '2024-02-29' })));

    expect(report.accepted).toBe(1);
  });

  it('reports a verification date after today', async () => {
    const report = await reportFor({ tanggal_verifikasi: '2025-11-21' });

    expect(report.errors).toEqual([
      {
        line: 2,
        column: 'tanggal_verifikasi',
        code: 'date_in_future',
        message: 'Tanggal verifikasi tidak boleh melewati hari ini',
      },
    ]);
  });

  it("accepts today's date in the city's time zone while it is still yesterday in UTC", async () => {
    // Prepare: 2025-11-20T17:30Z is 01:30 on 21 November in Banjarmasin (WITA, UTC+8)
    const lateEvening = new Date('2025-11-20T17:30:00Z');
    // Act
    const { report } = await validate(csvFile(rowLine({ tanggal_verifikasi: '2025-11-21' })), { now: lateEvening });
    // Assess
    expect(report.accepted).toBe(1);
  });

  it.each([
    ['ya', true],
    ['TIDAK', false],
    ['True', true],
    ['false', false],
    ['1', true],
    ['0', false],
  ])('reads the flag %s', async (text, value) => {
    const { households } = await validate(csvFile(rowLine({ disabilitas: text })));

    expect(households[0]?.disabilitas).toBe(value);
  });

  it.each(['disabilitas', 'lansia', 'perempuan_kepala', 'mustahik'] as const)(
    'reports %s that is not ya/tidak, true/false or 1/0',
    async (column) => {
      const report = await reportFor({ [column]: 'y' });

      expect(report.errors).toEqual([
        { line: 2, column, code: 'boolean_invalid', message: 'Isi dengan ya/tidak, true/false atau 1/0' },
      ]);
    },
  );

  it('maps every flag column to its field', async () => {
    const overrides = { disabilitas: 'ya', lansia: 'tidak', perempuan_kepala: '1', mustahik: 'false' };

    const { households } = await validate(csvFile(rowLine(overrides)));

    expect(households[0]).toMatchObject({ disabilitas: true, lansia: false, perempuanKepala: true, mustahik: false });
  });

  it('reads status graduasi in any case', async () => {
    const { households } = await validate(csvFile(rowLine({ status: 'GRADUASI' })));

    expect(households[0]?.status).toBe('graduasi');
  });

  it('reports a status other than aktif or graduasi', async () => {
    const report = await reportFor({ status: 'lulus' });

    expect(report.errors).toEqual([
      { line: 2, column: 'status', code: 'status_invalid', message: 'Status harus aktif atau graduasi' },
    ]);
  });
});

describe('validateRegistryCsv with several faults in one row', () => {
  it('reports each of them, in the order of the columns, and rejects the row once', async () => {
    // Act
    const report = await reportFor({ status: 'x', nik: '1', desil: '12', kode_kecamatan: '63.71.09' });
    // Assess
    expect(report.rejected).toBe(1);
    expect(report.errors.map((error) => [error.line, error.column, error.code])).toEqual([
      [2, 'nik', 'nik_invalid'],
      [2, 'kode_kecamatan', 'kecamatan_unknown'],
      [2, 'desil', 'desil_invalid'],
      [2, 'status', 'status_invalid'],
    ]);
  });

  it('returns the accepted household with every field read', async () => {
    const { households } = await validate(csvFile(rowLine()));

    expect(households).toEqual([
      {
        nik: validValues.nik,
        noKk: validValues.no_kk,
        nama: 'Siti Aminah',
        alamat: 'Jl. Kelayan A Gg. Rahayu No. 12',
        kodeKelurahan: '63.71.01.1004',
        kodeKecamatan: '63.71.01',
        desil: 2,
        jumlahAnggota: 4,
        tanggalVerifikasi: '2025-03-31',
        disabilitas: false,
        lansia: true,
        perempuanKepala: true,
        mustahik: false,
        status: 'aktif',
      },
    ]);
  });
});
