import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { banjarmasinRegions } from '../../../shared/regions/banjarmasin-kelurahan.ts';
import { validateRegistryCsv } from '../../../shared/registry/validate-registry-csv.ts';
import { headerLine, householdValues, inPiecesOf, now, rowLine, validate } from './registry-csv-fixtures.ts';

/**
 * A file with every awkward shape at once: BOM, CRLF, semicolons, quoted separators and quotes,
 * a line break inside quotes, blank lines, multi-byte UTF-8 (2, 3 and 4 bytes) and faulty rows.
 */
const messyFile =
  `\uFEFF${headerLine(';').toUpperCase()}\r\n` +
  [
    rowLine(householdValues(1, { nama: 'Nur ʿAini Ré', alamat: 'Jl. "Kenanga"; Gg. 2' }), ';'),
    '',
    rowLine(householdValues(2, { alamat: 'Jl. Sungai Andai\r\nRT 005 — 🌊', desil: '11' }), ';'),
    rowLine(householdValues(3, { nama: '王 Budi', kode_kelurahan: '6371011004' }), ';'),
    rowLine(householdValues(1, { tanggal_verifikasi: '2025-02-30' }), ';'),
    rowLine(householdValues(4, { status: 'GRADUASI' }), ';'),
  ].join('\r\n');

const messyBytes = new TextEncoder().encode(messyFile);

describe('validateRegistryCsv streams', () => {
  it('gives the same households and report for one-byte chunks as for one chunk', async () => {
    // Prepare
    const whole = await validate([messyBytes]);
    // Act
    const bytewise = await validate(inPiecesOf(1, messyBytes));
    // Assess
    expect(whole.report.errors.map((error) => error.line)).toEqual([4, 7, 7]);
    expect(bytewise).toEqual(whole);
  });

  it('gives the same result for chunks cut anywhere: mid-field, mid-CRLF, mid-character', async () => {
    // Prepare
    const whole = await validate([messyBytes]);
    const cuts = fc.uniqueArray(fc.integer({ min: 1, max: messyBytes.length - 1 }), { maxLength: 40 });
    // Act + Assess
    await fc.assert(
      fc.asyncProperty(cuts, async (points) => {
        const bounds = [0, ...points.sort((a, b) => a - b), messyBytes.length];
        const chunks = bounds.slice(1).map((end, index) => messyBytes.subarray(bounds[index], end));
        expect(await validate(chunks)).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same result for text chunks cut inside a surrogate pair', async () => {
    // Prepare
    const whole = await validate([messyFile]);
    const emoji = messyFile.indexOf('🌊');
    // Act
    const cut = await validate([messyFile.slice(0, emoji + 1), messyFile.slice(emoji + 1)]);
    // Assess
    expect(cut).toEqual(whole);
  });

  it('cuts a CRLF between two chunks without seeing a blank line or shifting line numbers', async () => {
    // Prepare
    const text = `${headerLine()}\r\n${rowLine(householdValues(1))}\r\n${rowLine(householdValues(2, { desil: '0' }))}\r\n`;
    const afterCr = text.indexOf('\r\n', text.indexOf('\r\n') + 2) + 1;
    // Act
    const { report } = await validate([text.slice(0, afterCr), text.slice(afterCr)]);
    // Assess
    expect(report.errors).toEqual([expect.objectContaining({ line: 3, column: 'desil' })]);
  });

  it('hands out households before it has read the whole source', async () => {
    // Prepare: 2000 rows fed one row per chunk, counting the chunks taken
    let chunksTaken = 0;
    async function* rows(): AsyncGenerator<string> {
      chunksTaken += 1;
      yield `${headerLine()}\n`;
      for (let n = 0; n < 2000; n += 1) {
        chunksTaken += 1;
        yield `${rowLine(householdValues(n))}\n`;
      }
    }
    const validation = validateRegistryCsv(rows(), { city: banjarmasinRegions, now });
    // Act
    const iterator = validation.records();
    await iterator.next();
    // Assess
    expect(chunksTaken).toBeLessThan(100);
    await iterator.return(undefined);
  });

  it('reads a Node.js-style stream of Buffers', async () => {
    // Prepare
    const buffers = [Buffer.from(messyBytes.subarray(0, 333)), Buffer.from(messyBytes.subarray(333))];
    // Act
    const { report } = await validate(buffers);
    // Assess
    expect(report).toMatchObject({ accepted: 3, rejected: 2 });
  });
});
