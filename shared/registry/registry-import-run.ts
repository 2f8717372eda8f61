import { RegionIndex } from '../regions/region-index.ts';
import type { CityRegions } from '../regions/city-regions.ts';
import { todayIn } from './calendar-date.ts';
import { defaultMaxRecordLength, type CsvRecord, type CsvRecordProblem } from '../csv/csv-record-parser.ts';
import { DuplicateChecks, nothingHeld, type HeldKeys } from './duplicate-checks.ts';
import { existingLookupBatchSize, type ExistingRegistry } from './existing-registry.ts';
import type { HouseholdRecord } from './household.ts';
import { checkHouseholdRow, type CheckedRow, type RowContext } from './household-row.ts';
import { importError, type ImportError } from './import-errors.ts';
import { ImportTally, type ImportReport } from './import-report.ts';
import { fileColumn, inColumnOrder, readHeader, rowColumn } from './registry-columns.ts';

export interface RegistryImportRunOptions {
  readonly city: CityRegions;
  readonly existing?: ExistingRegistry;
  readonly now: Date;
  readonly maxReportedErrors?: number;
}

/**
 * The state of one validation: header, rows checked but not yet settled against the registry,
 * duplicate indexes and the tally. Records go in one at a time (`take`, synchronous, straight
 * from the parser); accepted households come out of `settle` in file order.
 */
export class RegistryImportRun {
  /** Until the header is read, then either refused or what the rows are read with. */
  private header: 'awaited' | 'refused' | RowContext = 'awaited';
  private unsettled: CheckedRow[] = [];
  private readonly tally: ImportTally;
  private readonly duplicates: DuplicateChecks;
  private readonly regions: RegionIndex;
  private readonly today: string;

  constructor(private readonly options: RegistryImportRunOptions) {
    this.regions = new RegionIndex(options.city);
    this.today = todayIn(options.city.timeZone, options.now);
    this.tally = new ImportTally(options.maxReportedErrors);
    this.duplicates = new DuplicateChecks(this.regions.kecamatanCodes);
  }

  /** Rows settled so far. */
  get rows(): number {
    return this.tally.rows;
  }

  get unsettledRows(): number {
    return this.unsettled.length;
  }

  take(record: CsvRecord): void {
    if (record.problem === undefined && record.fields.every((field) => field.trim() === '')) return;
    if (this.header === 'awaited') this.readHeader(record);
    else if (this.header === 'refused') this.tally.reject([]);
    // Rows the parser could not read whole wait with the others, so errors stay in line order.
    else if (record.problem !== undefined) {
      this.unsettled.push({ line: record.line, errors: [problemError(record.line, record.problem)] });
    } else this.unsettled.push(checkHouseholdRow(record.line, record.fields, this.header));
  }

  /**
   * Runs the cross-row checks on the rows taken so far, in whole lookup batches (`everyRow`: the
   * last, smaller batch too, as at the end of the file). Returns the accepted households.
   */
  async settle(everyRow: boolean): Promise<HouseholdRecord[]> {
    const accepted: HouseholdRecord[] = [];
    const settling = everyRow
      ? this.unsettled.length
      : this.unsettled.length - (this.unsettled.length % existingLookupBatchSize);
    const rows = this.unsettled.splice(0, settling);
    for (let start = 0; start < rows.length; start += existingLookupBatchSize) {
      const batch = rows.slice(start, start + existingLookupBatchSize);
      const held = await this.heldKeys(batch);
      for (const row of batch) {
        this.duplicates.check(row, held);
        if (row.household !== undefined && row.errors.length === 0) {
          this.tally.accept();
          accepted.push(row.household);
        } else {
          this.tally.reject(inColumnOrder(row.errors));
        }
      }
    }
    return accepted;
  }

  /** The report, once every record has been taken and settled. */
  finish(): ImportReport {
    if (this.header === 'awaited') this.tally.note([importError(1, fileColumn, 'empty_file')]);
    return this.tally.report();
  }

  private readHeader(record: CsvRecord): void {
    if (record.problem !== undefined) {
      this.header = 'refused';
      this.tally.note([problemError(record.line, record.problem)]);
      return;
    }
    const { positions, problems } = readHeader(record.fields);
    this.header = positions ? { positions, regions: this.regions, today: this.today } : 'refused';
    this.tally.note(problems.map(({ column, code }) => importError(record.line, column, code, column)));
  }

  private async heldKeys(batch: readonly CheckedRow[]): Promise<HeldKeys> {
    const { existing } = this.options;
    if (existing === undefined) return nothingHeld;
    const niks = new Set<string>();
    const noKks = new Set<string>();
    for (const { nik, noKk } of batch) {
      if (nik !== undefined) niks.add(nik);
      if (noKk !== undefined) noKks.add(noKk);
    }
    const [noKkOfNik, kecamatanOfNoKk] = await Promise.all([
      niks.size > 0 ? existing.noKkOfNik([...niks]) : new Map<string, string>(),
      noKks.size > 0 ? existing.kecamatanOfNoKk([...noKks]) : new Map<string, string>(),
    ]);
    return { noKkOfNik, kecamatanOfNoKk };
  }
}

function problemError(line: number, problem: CsvRecordProblem): ImportError {
  return problem === 'unclosed_quote'
    ? importError(line, rowColumn, 'unclosed_quote')
    : importError(line, rowColumn, 'record_too_long', defaultMaxRecordLength);
}
