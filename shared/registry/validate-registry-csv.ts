import { CsvRecordParser } from '../csv/csv-record-parser.ts';
import { existingLookupBatchSize } from './existing-registry.ts';
import type { HouseholdRecord } from './household.ts';
import type { ImportProgress, ImportReport } from './import-report.ts';
import { RegistryImportRun, type RegistryImportRunOptions } from './registry-import-run.ts';
import { utf8Text, type TextSource } from '../csv/utf8-text.ts';

/** Text is parsed this much at a time, so at most a few hundred rows wait to be settled. */
const sliceLength = 32_768;

export interface ValidateRegistryCsvOptions extends RegistryImportRunOptions {
  /** Called after each chunk of the source is consumed, and once at the end. */
  readonly onProgress?: (progress: ImportProgress) => void;
}

/**
 * Validates a household registry CSV as it streams in. Iterate `records()` for the accepted
 * households (in file order, as soon as each is settled); when it ends, `report()` gives the
 * counts and errors. `dryRun()` does both and keeps only the report.
 *
 * Memory holds the chunk being read, up to a few hundred rows awaiting their registry lookup, the
 * listed errors (capped) and two compact duplicate indexes (about 24 bytes per NIK and per KK).
 *
 * How files are read, where the issue left it open:
 * - The first non-blank record is the header. Unknown columns are ignored; a missing or repeated
 *   registry column is one error each on the header's line, and then no row is accepted (the rows
 *   are still counted, as rejected, without errors of their own).
 * - Blank lines, and rows whose cells are all empty, are skipped. A file with no header at all
 *   gets one `empty_file` error with the column `(berkas)`.
 * - A row with fewer fields than the header, or with non-empty fields beyond it, is one
 *   `field_count` error with the column `(baris)`; its fields are not checked further, since they
 *   would be misaligned. Empty trailing fields beyond the header are tolerated.
 * - A quote left open to the end of the file (`unclosed_quote`) and a record longer than 65,536
 *   characters (`record_too_long`) are likewise `(baris)` errors on the line the record starts.
 * - Every field is required. Values are trimmed; names and addresses have runs of white space
 *   (line breaks in a cell included) folded to one space.
 * - The first row with a NIK or KK wins; later rows are measured against it. Within the file the
 *   same KK may appear on several rows of one kecamatan, not in two kecamatan.
 */
export function validateRegistryCsv(source: TextSource, options: ValidateRegistryCsvOptions): RegistryCsvValidation {
  return new RegistryCsvValidation(source, options);
}

export class RegistryCsvValidation implements AsyncIterable<HouseholdRecord> {
  private started = false;
  private finalReport: ImportReport | undefined;

  constructor(
    private readonly source: TextSource,
    private readonly options: ValidateRegistryCsvOptions,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<HouseholdRecord> {
    return this.records();
  }

  /**
   * The accepted households. A validation reads its source once, so this can be called once; a
   * failure of the source itself (a read error) is thrown from here.
   */
  async *records(): AsyncGenerator<HouseholdRecord, void, undefined> {
    if (this.started) throw new Error('a registry CSV validation reads its source once; records() was already called');
    this.started = true;
    const run = new RegistryImportRun(this.options);
    const parser = new CsvRecordParser((record) => run.take(record));
    let bytes = 0;
    const progress = () => this.options.onProgress?.({ bytes, rows: run.rows });

    for await (const text of utf8Text(this.source, (count) => (bytes += count))) {
      // A Lambda hands over the whole body as one chunk: slicing keeps the waiting rows few anyway.
      for (let start = 0; start < text.length; start += sliceLength) {
        parser.push(text.slice(start, start + sliceLength));
        // Rows wait for a full lookup batch; with no registry to ask they settle at once.
        if (run.unsettledRows >= existingLookupBatchSize || this.options.existing === undefined) {
          for (const household of await run.settle(this.options.existing === undefined)) yield household;
        }
      }
      progress();
    }
    parser.end();
    for (const household of await run.settle(true)) yield household;
    this.finalReport = run.finish();
    progress();
  }

  /** The report; only once `records()` has run to its end. */
  report(): ImportReport {
    if (this.finalReport === undefined) {
      throw new Error('the registry CSV validation has not finished: iterate records() to the end first');
    }
    return this.finalReport;
  }

  /** Validates the whole source, discarding the households: the report a dry run shows. */
  async dryRun(): Promise<ImportReport> {
    for await (const _household of this.records()) {
      // Only the report is wanted.
    }
    return this.report();
  }
}
