import type { ImportError } from './import-errors.ts';

/**
 * The outcome of validating a registry file. Every non-blank record after the header is counted
 * once, as accepted or rejected. Only lines, columns and rules appear here, never a value.
 */
export interface ImportReport {
  readonly accepted: number;
  readonly rejected: number;
  readonly errors: readonly ImportError[];
  /** Errors beyond the report's limit, counted but not listed. Absent when none were left out. */
  readonly errorsOmitted?: number;
}

export interface ImportProgress {
  /** Bytes of the source consumed so far. */
  readonly bytes: number;
  /** Data records (accepted or rejected) settled so far. */
  readonly rows: number;
}

/** Past this, more errors help nobody fix a file and would make the report grow with it. */
export const defaultMaxReportedErrors = 10_000;

export class ImportTally {
  private accepted = 0;
  private rejected = 0;
  private omitted = 0;
  private readonly errors: ImportError[] = [];

  constructor(private readonly maxErrors: number = defaultMaxReportedErrors) {}

  get rows(): number {
    return this.accepted + this.rejected;
  }

  accept(): void {
    this.accepted += 1;
  }

  reject(errors: readonly ImportError[]): void {
    this.rejected += 1;
    this.note(errors);
  }

  /** Errors about the file rather than one row (its header). */
  note(errors: readonly ImportError[]): void {
    for (const error of errors) {
      if (this.errors.length < this.maxErrors) this.errors.push(error);
      else this.omitted += 1;
    }
  }

  report(): ImportReport {
    return {
      accepted: this.accepted,
      rejected: this.rejected,
      errors: this.errors,
      ...(this.omitted > 0 ? { errorsOmitted: this.omitted } : {}),
    };
  }
}
