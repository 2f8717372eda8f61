import * as z from 'zod/mini';

import { paymentRequest } from './disbursement-schemas.ts';
import { CsvRecordParser, type CsvRecord } from '../csv/csv-record-parser.ts';
import type { Issue } from '../domain/errors.ts';
import type { PaymentField, PaymentRequest } from './disbursement.ts';

/** The bank's batch file: one payment per row. `amount` may be left out (the line's amount is paid). */
export const batchColumns = {
  line_id: 'lineId',
  reference: 'reference',
  paid_at: 'paidAt',
  channel: 'channel',
  evidence_sha256: 'evidenceSha256',
  amount: 'amount',
} as const satisfies Record<string, PaymentField>;

type Column = keyof typeof batchColumns;
const requiredColumns: readonly Column[] = ['line_id', 'reference', 'paid_at', 'channel', 'evidence_sha256'];

/**
 * One batch is recorded within one request (one transaction per row, in file order): the cap
 * keeps the slowest batch well inside the function's time limit.
 */
export const maxBatchRows = 100;

export interface BatchRow {
  /** The spreadsheet's row number: the header is row 1, so this is the line the record starts on. */
  readonly row: number;
  readonly request: PaymentRequest;
}

export interface ParsedBatch {
  readonly rows: BatchRow[];
  /** Paths read `row N column` (or `row N` for the whole row), as a spreadsheet user finds them. */
  readonly issues: Issue[];
}

export function rowPath(row: number, field?: PaymentField): string {
  const column = field && (Object.keys(batchColumns) as Column[]).find((name) => batchColumns[name] === field);
  return column ? `row ${row} ${column}` : `row ${row}`;
}

/** Rupiah as banks and spreadsheets write them: 1500000 or 1.500.000; never a fraction. */
function parseAmount(text: string): number | string {
  if (/^\d+$/u.test(text)) return Number(text);
  if (/^\d{1,3}(\.\d{3})+$/u.test(text)) return Number(text.replaceAll('.', ''));
  return text;
}

function isBlank(record: CsvRecord): boolean {
  return !record.problem && record.fields.every((field) => field.trim() === '');
}

/**
 * Reads a batch file: UTF-8 (a BOM is dropped), comma or semicolon separated, the header's column
 * names in any case and order, blank lines skipped, other columns ignored. Every row is checked
 * against the same schema as a JSON body; all problems are returned together.
 */
export function parseDisbursementCsv(bytes: Uint8Array): ParsedBatch {
  const records: CsvRecord[] = [];
  const parser = new CsvRecordParser((record) => {
    if (!isBlank(record)) records.push(record);
  });
  parser.push(new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes));
  parser.end();

  const [header, ...body] = records;
  if (!header) return { rows: [], issues: [{ path: '(body)', message: 'the batch file has no header and no rows' }] };
  const issues: Issue[] = [];
  const indexOf = new Map<Column, number>();
  header.fields.forEach((name, index) => {
    const column = name.trim().toLowerCase() as Column;
    if (!(column in batchColumns)) return;
    if (indexOf.has(column)) issues.push({ path: `row ${header.line} ${column}`, message: 'column appears twice' });
    else indexOf.set(column, index);
  });
  for (const column of requiredColumns) {
    if (!indexOf.has(column)) issues.push({ path: `row ${header.line} ${column}`, message: 'column is missing' });
  }
  if (issues.length > 0) return { rows: [], issues };
  if (body.length === 0) return { rows: [], issues: [{ path: '(body)', message: 'the batch file has no rows' }] };
  if (body.length > maxBatchRows) {
    return {
      rows: [],
      issues: [{ path: '(body)', message: `has ${body.length} rows; send at most ${maxBatchRows} per file` }],
    };
  }

  const rows: BatchRow[] = [];
  for (const record of body) {
    if (record.problem) {
      const message = record.problem === 'unclosed_quote' ? 'a quote is never closed' : 'the row is far too long';
      issues.push({ path: rowPath(record.line), message });
      continue;
    }
    const candidate: Record<string, unknown> = {};
    for (const [column, index] of indexOf) {
      const value = (record.fields[index] ?? '').trim();
      if (column === 'amount') {
        if (value !== '') candidate['amount'] = parseAmount(value);
      } else {
        candidate[batchColumns[column]] = value;
      }
    }
    const result = z.safeParse(paymentRequest, candidate);
    if (result.success) {
      rows.push({ row: record.line, request: result.data });
      continue;
    }
    for (const issue of result.error.issues) {
      const field = issue.path[0] as PaymentField | undefined;
      const message =
        field === 'amount' && typeof candidate['amount'] === 'string'
          ? 'must be a whole number of rupiah, e.g. 1500000 or 1.500.000'
          : issue.message;
      issues.push({ path: rowPath(record.line, field), message });
    }
  }
  return { rows, issues };
}
