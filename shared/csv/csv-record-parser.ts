/** One CSV record (a logical row, which may span lines when a quoted field holds a newline). */
export interface CsvRecord {
  /** Line of the file on which the record starts, counting from 1. */
  readonly line: number;
  readonly fields: readonly string[];
  /** Set when the record could not be read whole; its fields are then not to be trusted. */
  readonly problem?: CsvRecordProblem;
}

export type CsvRecordProblem = 'unclosed_quote' | 'too_long';

export type CsvSeparator = ',' | ';';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/** Far beyond any real household row; a record this long means a quote was never closed. */
export const defaultMaxRecordLength = 65_536;

/**
 * Incremental CSV parser for spreadsheet exports: text goes in by `push` in chunks cut anywhere,
 * records come out through `emit` as soon as they end. It keeps only the record being read, and
 * stops keeping even that once it passes `maxRecordLength` (while still following quotes, so the
 * records after it start where they should).
 *
 * The separator is whichever of `,` and `;` occurs more often outside quotes on the first line
 * (Excel in an Indonesian locale writes `;`). LF, CRLF and a lone CR all end a line. Leniencies
 * that spreadsheets and hand edits need: spaces before an opening quote are dropped, a quote
 * inside an unquoted field is kept as a character, and text after a closing quote is appended.
 */
export class CsvRecordParser {
  private separatorCode = -1;
  private held = '';
  private state = FIELD_START;
  private fields: string[] = [];
  private value = '';
  private line = 1;
  private recordLine = 1;
  private previousWasCr = false;
  private recordLength = 0;
  private overflowed = false;

  constructor(
    private readonly emit: (record: CsvRecord) => void,
    private readonly maxRecordLength: number = defaultMaxRecordLength,
  ) {}

  get separator(): CsvSeparator | undefined {
    if (this.separatorCode === -1) return undefined;
    return this.separatorCode === SEMICOLON ? ';' : ',';
  }

  push(text: string): void {
    if (this.separatorCode === -1) {
      this.held += text;
      const firstLineEnd = this.held.search(/[\r\n]/u);
      if (firstLineEnd === -1 && this.held.length <= this.maxRecordLength) return;
      this.separatorCode = detectSeparator(firstLineEnd === -1 ? this.held : this.held.slice(0, firstLineEnd));
      text = this.held;
      this.held = '';
    }
    this.scan(text);
  }

  end(): void {
    if (this.separatorCode === -1) {
      this.separatorCode = detectSeparator(this.held);
      const text = this.held;
      this.held = '';
      this.scan(text);
    }
    switch (this.state) {
      case QUOTED:
        this.endField('');
        this.emit({ line: this.recordLine, fields: this.overflowed ? [] : this.fields, problem: 'unclosed_quote' });
        this.startRecord();
        break;
      case UNQUOTED:
      case QUOTE_IN_QUOTED:
        this.endField('');
        this.endRecord();
        break;
      default:
        if (this.fields.length > 0) {
          this.endField('');
          this.endRecord();
        }
    }
  }

  private scan(text: string): void {
    // The hot loop of an import: state, line and CR memory live in locals, written back at the end
    // (and `line` before a record ends, since the next record starts there).
    const separator = this.separatorCode;
    let state = this.state;
    let line = this.line;
    let afterCr = this.previousWasCr;
    let segmentStart = 0;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code === LF || code === CR) {
        // CRLF is one line break; a lone CR (old Mac exports) is one too.
        if (code === CR || !afterCr) line += 1;
        this.line = line;
      }
      const crlfRest = code === LF && afterCr;
      afterCr = code === CR;
      switch (state) {
        case FIELD_START:
          if (code === QUOTE) {
            state = QUOTED;
            segmentStart = i + 1;
          } else if (code === separator) {
            this.endField('');
          } else if (code === LF || code === CR) {
            // An LF right after the CR that ended the last record is the rest of that CRLF.
            if (!crlfRest || this.fields.length > 0) {
              this.endField('');
              this.endRecord();
            }
          } else if (code !== SPACE && code !== TAB) {
            state = UNQUOTED;
            segmentStart = i;
          }
          break;
        case UNQUOTED:
          if (code === separator) {
            this.endField(text.slice(segmentStart, i));
            state = FIELD_START;
          } else if (code === LF || code === CR) {
            this.endField(text.slice(segmentStart, i));
            this.endRecord();
            state = FIELD_START;
          }
          break;
        case QUOTED:
          if (code === QUOTE) {
            this.append(text.slice(segmentStart, i));
            state = QUOTE_IN_QUOTED;
          }
          break;
        default: // QUOTE_IN_QUOTED: the quote either closed the field or starts an escaped ""
          if (code === QUOTE) {
            this.append('"');
            state = QUOTED;
            segmentStart = i + 1;
          } else if (code === separator) {
            this.endField('');
            state = FIELD_START;
          } else if (code === LF || code === CR) {
            this.endField('');
            this.endRecord();
            state = FIELD_START;
          } else {
            state = UNQUOTED;
            segmentStart = i;
          }
      }
    }
    if (state === UNQUOTED || state === QUOTED) this.append(text.slice(segmentStart));
    this.state = state;
    this.line = line;
    this.previousWasCr = afterCr;
  }

  private append(piece: string): void {
    this.recordLength += piece.length;
    if (this.recordLength > this.maxRecordLength) this.overflow();
    else this.value += piece;
  }

  /** Ends the current field with `lastPiece`, the part of it not yet appended. */
  private endField(lastPiece: string): void {
    this.recordLength += lastPiece.length + 1;
    if (this.recordLength > this.maxRecordLength) this.overflow();
    if (!this.overflowed) this.fields.push(this.value + lastPiece);
    this.value = '';
  }

  private overflow(): void {
    this.overflowed = true;
    this.fields = [];
    this.value = '';
  }

  private endRecord(): void {
    this.emit(
      this.overflowed
        ? { line: this.recordLine, fields: [], problem: 'too_long' }
        : { line: this.recordLine, fields: this.fields },
    );
    this.startRecord();
  }

  private startRecord(): void {
    this.fields = [];
    this.value = '';
    this.recordLength = 0;
    this.overflowed = false;
    this.recordLine = this.line;
  }
}

function detectSeparator(firstLine: string): number {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < firstLine.length; i += 1) {
    const code = firstLine.charCodeAt(i);
    if (code === QUOTE) quoted = !quoted;
    else if (!quoted && code === COMMA) commas += 1;
    else if (!quoted && code === SEMICOLON) semicolons += 1;
  }
  return semicolons > commas ? SEMICOLON : COMMA;
}
