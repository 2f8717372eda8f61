import { describe, expect, it } from 'vitest';

import { registryColumns } from '../../../shared/registry/registry-columns.ts';
import { csvFile, headerLine, householdValues, rowLine, validate, validValues } from './registry-csv-fixtures.ts';

describe('validateRegistryCsv reads CSV as spreadsheets write it', () => {
  it('reads a comma-separated file', async () => {
    // Prepare
    const file = csvFile(rowLine());
    // Act
    const { households, report } = await validate(file);
    // Assess
    expect(report).toEqual({ accepted: 1, rejected: 0, errors: [] });
    expect(households[0]).toMatchObject({ nik: validValues.nik, kodeKelurahan: '63.71.01.1004', desil: 2 });
  });

  it('detects a semicolon-separated file (Excel in an Indonesian locale)', async () => {
    // Prepare
    const file = `${headerLine(';')}\n${rowLine({}, ';')}\n`;
    // Act
    const { households } = await validate(file);
    // Assess
    expect(households).toHaveLength(1);
    expect(households[0]?.alamat).toBe(validValues.alamat);
  });

  it('keeps unquoted commas inside a value of a semicolon-separated file', async () => {
    // Prepare
    const file = `${headerLine(';')}\n${rowLine({ alamat: 'Jl. Veteran, RT 005, RW 002' }, ';')}\n`;
    // Act
    const { households } = await validate(file);
    // Assess
    expect(households[0]?.alamat).toBe('Jl. Veteran, RT 005, RW 002');
  });

  it('ignores a UTF-8 byte order mark before the header', async () => {
    // Prepare
    const file = `\uFEFF${csvFile(rowLine())}`;
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report).toEqual({ accepted: 1, rejected: 0, errors: [] });
  });

  it('ignores a byte order mark before a quoted header (it would otherwise unquote the first name)', async () => {
    // Prepare
    const header = registryColumns.map((column) => `"${column}"`).join(',');
    // Act
    const { report } = await validate(`\uFEFF${header}\n${rowLine()}\n`);
    // Assess
    expect(report).toEqual({ accepted: 1, rejected: 0, errors: [] });
  });

  it('ignores a byte order mark that arrives as bytes', async () => {
    // Prepare
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csvFile(rowLine()))]);
    // Act
    const { report } = await validate([bytes]);
    // Assess
    expect(report).toEqual({ accepted: 1, rejected: 0, errors: [] });
  });

  it('reads CRLF line ends and keeps no CR in the last value', async () => {
    // Prepare
    const file = `${headerLine()}\r\n${rowLine()}\r\n${rowLine(householdValues(2))}\r\n`;
    // Act
    const { households, report } = await validate(file);
    // Assess
    expect(report.accepted).toBe(2);
    expect(households.map((household) => household.status)).toEqual(['aktif', 'aktif']);
  });

  it('reads lone CR line ends (old Mac exports) with the right line numbers', async () => {
    // Prepare
    const file = `${headerLine()}\r${rowLine()}\r${rowLine(householdValues(2, { desil: '0' }))}\r`;
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report.errors).toEqual([expect.objectContaining({ line: 3, column: 'desil' })]);
  });

  it('reads the last row without a trailing newline', async () => {
    // Prepare
    const file = `${headerLine()}\n${rowLine()}`;
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report).toEqual({ accepted: 1, rejected: 0, errors: [] });
  });

  it('accepts header names in any case and with spaces around them', async () => {
    // Prepare
    const header = registryColumns.map((column) => `  ${column.toUpperCase()} `).join(',');
    // Act
    const { report } = await validate(`${header}\n${rowLine()}\n`);
    // Assess
    expect(report).toEqual({ accepted: 1, rejected: 0, errors: [] });
  });

  it('accepts header names written with spaces between the words (Jumlah Anggota)', async () => {
    // Prepare
    const header = headerLine().replace('jumlah_anggota', 'Jumlah Anggota').replace('no_kk', 'No KK');
    // Act
    const { report } = await validate(`${header}\n${rowLine()}\n`);
    // Assess
    expect(report.accepted).toBe(1);
  });

  it('reads the columns by header name, in whatever order they come', async () => {
    // Prepare
    const columns = [...registryColumns].reverse();
    const file = `${columns.join(',')}\n${columns.map((column) => validValues[column]).join(',')}\n`;
    // Act
    const { households } = await validate(file);
    // Assess
    expect(households[0]).toMatchObject({ nik: validValues.nik, noKk: validValues.no_kk, status: 'aktif' });
  });

  it('ignores extra columns such as a running number', async () => {
    // Prepare
    const file = `no,${headerLine()},keterangan\n1,${rowLine()},pindahan\n`;
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report).toEqual({ accepted: 1, rejected: 0, errors: [] });
  });

  it('keeps a separator inside a quoted field', async () => {
    // Prepare
    const file = csvFile(rowLine({ alamat: 'Jl. Pekapuran Raya, RT 010' }));
    // Act
    const { households } = await validate(file);
    // Assess
    expect(households[0]?.alamat).toBe('Jl. Pekapuran Raya, RT 010');
  });

  it('turns an escaped "" into one quote', async () => {
    // Prepare
    const file = csvFile(rowLine({ nama: 'Ahmad "Amat" Fauzi' }));
    // Act
    const { households } = await validate(file);
    // Assess
    expect(households[0]?.nama).toBe('Ahmad "Amat" Fauzi');
  });

  it('folds a line break inside a quoted address into a space', async () => {
    // Prepare
    const file = csvFile(rowLine({ alamat: 'Jl. Sungai Andai\r\nRT 005' }));
    // Act
    const { households } = await validate(file);
    // Assess
    expect(households[0]?.alamat).toBe('Jl. Sungai Andai RT 005');
  });

  it('reports a row after a quoted line break on the line it starts, not the line after the header', async () => {
    // Prepare: the first row spans lines 2 and 3, so the second starts on line 4
    const file = csvFile(rowLine({ alamat: 'Jl. Sungai Andai\nRT 005' }), rowLine(householdValues(2, { desil: '11' })));
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report.errors).toEqual([expect.objectContaining({ line: 4, column: 'desil' })]);
  });

  it('skips blank lines without reporting them and keeps counting lines across them', async () => {
    // Prepare
    const file = csvFile('', rowLine(), '', '   ', rowLine(householdValues(2, { desil: '11' })), '');
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ line: 6, column: 'desil' })]);
  });

  it('skips a row of empty cells that a spreadsheet exports as separators only', async () => {
    // Prepare
    const file = csvFile(rowLine(), ',,,,,,,,,,,,,');
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report).toEqual({ accepted: 1, rejected: 0, errors: [] });
  });

  it('skips blank lines before the header', async () => {
    // Prepare
    const file = `\n\n${csvFile(rowLine())}`;
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report.accepted).toBe(1);
  });

  it('trims spaces around values', async () => {
    // Prepare
    const file = csvFile(rowLine({ nik: ` ${validValues.nik} `, status: ' Aktif ', nama: '  Siti   Aminah ' }));
    // Act
    const { households } = await validate(file);
    // Assess
    expect(households[0]).toMatchObject({ nik: validValues.nik, status: 'aktif', nama: 'Siti Aminah' });
  });

  it('keeps a quoted field preceded by spaces whole', async () => {
    // Prepare
    const file = csvFile(rowLine().replace(validValues.alamat, ` "Jl. Veteran, RT 005"`));
    // Act
    const { households } = await validate(file);
    // Assess
    expect(households[0]?.alamat).toBe('Jl. Veteran, RT 005');
  });
});

describe('validateRegistryCsv with a header it cannot use', () => {
  it('reports each missing column once, on line 1, and accepts nothing', async () => {
    // Prepare
    const header = registryColumns.filter((column) => column !== 'desil' && column !== 'status').join(',');
    const row = registryColumns
      .filter((column) => column !== 'desil' && column !== 'status')
      .map((column) => validValues[column])
      .join(',');
    // Act
    const { households, report } = await validate(`${header}\n${row}\n${row}\n`);
    // Assess
    expect(households).toEqual([]);
    expect(report).toEqual({
      accepted: 0,
      rejected: 2,
      errors: [
        { line: 1, column: 'desil', code: 'missing_column', message: 'Kolom desil tidak ada di header' },
        { line: 1, column: 'status', code: 'missing_column', message: 'Kolom status tidak ada di header' },
      ],
    });
  });

  it('refuses a header that names a column twice', async () => {
    // Prepare
    const file = `${headerLine()},NIK\n${rowLine()},${validValues.nik}\n`;
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report).toEqual({
      accepted: 0,
      rejected: 1,
      errors: [
        { line: 1, column: 'nik', code: 'duplicate_column', message: 'Kolom nik muncul lebih dari sekali di header' },
      ],
    });
  });

  it('reports an empty file as one error for the whole file', async () => {
    // Act
    const { report } = await validate('\r\n\r\n');
    // Assess
    expect(report).toEqual({
      accepted: 0,
      rejected: 0,
      errors: [{ line: 1, column: '(berkas)', code: 'empty_file', message: 'Berkas kosong: tidak ada baris header' }],
    });
  });
});

describe('validateRegistryCsv with rows of the wrong shape', () => {
  it('reports a row with fewer fields than the header on the column (baris)', async () => {
    // Prepare
    const file = csvFile(rowLine().split(',').slice(0, 12).join(','));
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report).toEqual({
      accepted: 0,
      rejected: 1,
      errors: [
        {
          line: 2,
          column: '(baris)',
          code: 'field_count',
          message: 'Baris ini berisi 12 kolom, sedangkan header berisi 14 kolom',
        },
      ],
    });
  });

  it('reports a row with more filled fields than the header', async () => {
    // Prepare
    const file = csvFile(`${rowLine()},lebih`);
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report.errors).toEqual([expect.objectContaining({ line: 2, column: '(baris)', code: 'field_count' })]);
  });

  it('tolerates empty trailing fields beyond the header (cells a spreadsheet once formatted)', async () => {
    // Prepare
    const file = csvFile(`${rowLine()},,,`);
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report).toEqual({ accepted: 1, rejected: 0, errors: [] });
  });

  it('reports a quote never closed on the line where its record starts', async () => {
    // Prepare
    const file = csvFile(rowLine(), rowLine(householdValues(2)).replace(validValues.alamat, '"Jl. Kelayan A'), 'x,y');
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report).toEqual({
      accepted: 1,
      rejected: 1,
      errors: [
        {
          line: 3,
          column: '(baris)',
          code: 'unclosed_quote',
          message: 'Tanda kutip (") dibuka tetapi tidak ditutup sampai akhir berkas',
        },
      ],
    });
  });

  it('reports an overlong record and still reads the rows after it on their own lines', async () => {
    // Prepare
    const file = csvFile(rowLine({ alamat: 'x'.repeat(70_000) }), rowLine(householdValues(2, { desil: '11' })));
    // Act
    const { report } = await validate(file);
    // Assess
    expect(report.errors).toEqual([
      expect.objectContaining({ line: 2, column: '(baris)', code: 'record_too_long' }),
      expect.objectContaining({ line: 3, column: 'desil', code: 'desil_invalid' }),
    ]);
  });
});
