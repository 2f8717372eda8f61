import { describe, expect, it } from 'vitest';

import { maxBatchRows, parseDisbursementCsv } from '../../../shared/disbursements/disbursement-csv.ts';

const sha = 'AB'.repeat(32);
const header = 'line_id,reference,paid_at,channel,evidence_sha256';
const line = (index: number) => `alc_01M84QHVQ571WSV50YVJRZ4DFE-${String(index).padStart(8, '0')}`;

function parse(text: string) {
  return parseDisbursementCsv(new TextEncoder().encode(text));
}

describe('parseDisbursementCsv', () => {
  it('reads one payment per row, numbering rows as a spreadsheet does', () => {
    const result = parse(
      `${header}\n${line(1)},TRX-1,2026-11-20,bank_transfer,${sha}\n${line(2)},TRX-2,2026-11-20T10:00:00+08:00,pos,${sha}\n`,
    );

    expect(result.issues).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 2,
        request: {
          lineId: line(1),
          reference: 'TRX-1',
          paidAt: '2026-11-20',
          channel: 'bank_transfer',
          evidenceSha256: sha.toLowerCase(),
        },
      },
      {
        row: 3,
        request: {
          lineId: line(2),
          reference: 'TRX-2',
          paidAt: '2026-11-20T10:00:00+08:00',
          channel: 'pos',
          evidenceSha256: sha.toLowerCase(),
        },
      },
    ]);
  });

  it('reads semicolons, a byte order mark, CRLF, headers in any case and order, and skips blank lines', () => {
    const result = parse(
      `\uFEFFCHANNEL;Evidence_Sha256;Paid_At;Reference;Line_Id\r\n\r\nkks;${sha};2026-11-20;TRX-1;${line(1)}\r\n`,
    );

    expect(result.issues).toEqual([]);
    expect(result.rows).toEqual([
      { row: 3, request: expect.objectContaining({ lineId: line(1), channel: 'kks', reference: 'TRX-1' }) },
    ]);
  });

  it('ignores columns it does not know, such as a name the bank adds', () => {
    const result = parse(`${header},nama_penerima\n${line(1)},TRX-1,2026-11-20,cash,${sha},Ibu Siti\n`);

    expect(result.issues).toEqual([]);
    expect(result.rows[0]?.request).not.toHaveProperty('nama_penerima');
  });

  it.each([
    ['1500000', 1_500_000],
    ['1.500.000', 1_500_000],
    ['500', 500],
  ])('reads the amount %s as %i rupiah', (text, amount) => {
    const result = parse(`${header},amount\n${line(1)},TRX-1,2026-11-20,cash,${sha},${text}\n`);

    expect(result.rows[0]?.request.amount).toBe(amount);
  });

  it('leaves the amount out when its cell is empty', () => {
    const result = parse(`${header},amount\n${line(1)},TRX-1,2026-11-20,cash,${sha},\n`);

    expect(result.issues).toEqual([]);
    expect(result.rows[0]?.request).not.toHaveProperty('amount');
  });

  it.each(['1,5', '1.5', '1.50.000', '-5', 'Rp 500'])('refuses the amount %s naming row and column', (text) => {
    const result = parse(
      `${header};amount\n`.replaceAll(',', ';') + `${line(1)};TRX-1;2026-11-20;cash;${sha};${text}\n`,
    );

    expect(result.issues).toEqual([{ path: 'row 2 amount', message: expect.any(String) }]);
    expect(result.rows).toEqual([]);
  });

  it('names every bad field of every row, keeping the good rows', () => {
    const result = parse(`${header}\n${line(1)},TRX-1,2026-11-20,cash,${sha}\nnope,x,20/11/2026,crypto,123\n`);

    expect(result.rows.map((row) => row.row)).toEqual([2]);
    expect(result.issues.map((issue) => issue.path)).toEqual([
      'row 3 line_id',
      'row 3 reference',
      'row 3 paid_at',
      'row 3 channel',
      'row 3 evidence_sha256',
    ]);
  });

  it('names a missing column on the header row', () => {
    const result = parse(`line_id,reference,paid_at,channel\n${line(1)},TRX-1,2026-11-20,cash\n`);

    expect(result.issues).toEqual([{ path: 'row 1 evidence_sha256', message: 'column is missing' }]);
  });

  it('names a column that appears twice', () => {
    const result = parse(`${header},reference\n`);

    expect(result.issues).toEqual([{ path: 'row 1 reference', message: 'column appears twice' }]);
  });

  it('names a row whose quote never closes', () => {
    const result = parse(`${header}\n${line(1)},"TRX-1,2026-11-20,cash,${sha}\n`);

    expect(result.issues).toEqual([{ path: 'row 2', message: 'a quote is never closed' }]);
  });

  it('refuses a file with a header and no rows, or nothing at all', () => {
    expect(parse(`${header}\n`).issues).toEqual([{ path: '(body)', message: 'the batch file has no rows' }]);
    expect(parse('\n\n').issues).toEqual([{ path: '(body)', message: 'the batch file has no header and no rows' }]);
  });

  it(`refuses more than ${maxBatchRows} rows`, () => {
    const rows = Array.from(
      { length: maxBatchRows + 1 },
      (_, index) => `${line(index + 1)},TRX-${index},2026-11-20,cash,${sha}`,
    );

    const result = parse([header, ...rows].join('\n'));

    expect(result.rows).toEqual([]);
    expect(result.issues).toEqual([{ path: '(body)', message: expect.stringContaining(String(maxBatchRows)) }]);
  });
});
