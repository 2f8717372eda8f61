import { describe, expect, it } from 'vitest';

import { CsvRecordParser, type CsvRecord } from '../../../shared/csv/csv-record-parser.ts';

function parse(...chunks: string[]): { records: CsvRecord[]; separator: string | undefined } {
  const records: CsvRecord[] = [];
  const parser = new CsvRecordParser((record) => records.push(record), 64);
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { records, separator: parser.separator };
}

describe('CsvRecordParser', () => {
  it('splits on commas and numbers records by the line they start on', () => {
    // Act
    const { records } = parse('a,b\nc,d\n');
    // Assess
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
  });

  it('takes the semicolon as separator when the first line has more of them than commas', () => {
    // Act
    const { records, separator } = parse('a;b;c\n1,5;2;3\n');
    // Assess
    expect(separator).toBe(';');
    expect(records[1]?.fields).toEqual(['1,5', '2', '3']);
  });

  it('does not count separators inside quotes on the first line', () => {
    expect(parse('"a;b;c",d\n').separator).toBe(',');
  });

  it('waits for the end of the first line before choosing the separator', () => {
    expect(parse('a;', 'b;c', '\n1;2;3\n').records[1]?.fields).toEqual(['1', '2', '3']);
  });

  it('keeps an empty field at the end of a record', () => {
    expect(parse('a,b,\n').records[0]?.fields).toEqual(['a', 'b', '']);
  });

  it('gives a blank line as one empty field, on its own line', () => {
    expect(parse('a\n\nb\n').records).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: [''] },
      { line: 3, fields: ['b'] },
    ]);
  });

  it('treats CRLF as one line break, even when the chunk ends between CR and LF', () => {
    expect(parse('a\r', '\nb\r\n\r\nc').records).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['b'] },
      { line: 3, fields: [''] },
      { line: 4, fields: ['c'] },
    ]);
  });

  it('keeps CRLF inside quotes and starts the next record on the following line', () => {
    expect(parse('"a\r\nb",c\r\nd\r\n').records).toEqual([
      { line: 1, fields: ['a\r\nb', 'c'] },
      { line: 3, fields: ['d'] },
    ]);
  });

  it('reads "" inside quotes as one quote, also when a chunk ends between the two', () => {
    expect(parse('"say "', '"hi"""\n').records[0]?.fields).toEqual(['say "hi"']);
  });

  it('keeps a quote in the middle of an unquoted field as a character', () => {
    expect(parse('5" disk,b\n').records[0]?.fields).toEqual(['5" disk', 'b']);
  });

  it('appends text that follows a closing quote', () => {
    expect(parse('"a"b,c\n').records[0]?.fields).toEqual(['ab', 'c']);
  });

  it('marks a record whose quote never closes', () => {
    expect(parse('a\n"b,c\nd\n').records[1]).toEqual({ line: 2, fields: ['b,c\nd\n'], problem: 'unclosed_quote' });
  });

  it('drops the fields of a record longer than the limit but keeps reading after it', () => {
    // Act
    const { records } = parse(`a\n${'x'.repeat(40)},"${'y'.repeat(40)}\n"\nb\n`);
    // Assess
    expect(records).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: [], problem: 'too_long' },
      { line: 4, fields: ['b'] },
    ]);
  });

  it('emits nothing for empty input', () => {
    expect(parse('').records).toEqual([]);
  });
});
