import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { loadCityRegions } from '../../../shared/regions/load-city-regions.ts';
import { normaliseCityCode } from '../../../shared/regions/region-codes.ts';
import type { ImportProgress } from '../../../shared/registry/import-report.ts';
import { validateRegistryCsv } from '../../../shared/registry/validate-registry-csv.ts';
import { commitHouseholds } from './commit-households.ts';

export const importHouseholdsUsage = `  import-households FILE [--dry-run] [--city 63.71]
      Validates a household registry CSV against the city's kecamatan and kelurahan (idn-area-data)
      and prints the report as JSON. Without --dry-run the valid rows are imported into the running
      local instance (npm start) as a new registry snapshot. Exit 0: every row valid; 1: rows
      rejected; 2: usage or the local instance is not running.`;

/** Where the command writes; the process's streams unless a test passes its own. */
export interface CommandStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
}

const processStreams: CommandStreams = { stdout: process.stdout, stderr: process.stderr };

/** `npx terang import-households FILE --dry-run`. Returns the exit code: 0, 1 (rows rejected) or 2 (usage). */
export async function importHouseholdsCommand(args: string[], streams = processStreams): Promise<number> {
  const usageError = (message: string): number => {
    streams.stderr.write(`${message}\n\nUsage:\n${importHouseholdsUsage}\n`);
    return 2;
  };
  let values: { 'dry-run'?: boolean; city?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, city: { type: 'string' } },
    }));
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) return usageError('import-households takes exactly one FILE');
  const city = normaliseCityCode(values.city ?? '63.71');
  if (city === undefined) return usageError(`--city must be a kota/kabupaten code such as 63.71`);
  const size = await fileSize(file);
  if (size === undefined) return usageError(`${file} is not a readable file`);
  let regions;
  try {
    regions = await loadCityRegions(city);
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }

  const progress = new ProgressDisplay(streams.stderr, size);
  if (!values['dry-run']) {
    let committed;
    try {
      committed = await commitHouseholds(
        file,
        regions,
        (update) => progress.show(update),
        (importId) =>
          streams.stderr.write(
            `import-households: import ${importId}; progress at GET /api/registry/imports/${importId}\n`,
          ),
      );
    } catch (error) {
      progress.finish();
      streams.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    progress.finish();
    const { id, snapshot, report } = committed;
    streams.stdout.write(`${JSON.stringify({ id, snapshot, ...report }, null, 2)}\n`);
    return report.rejected > 0 || report.errors.length > 0 ? 1 : 0;
  }
  const report = await validateRegistryCsv(createReadStream(file, { highWaterMark: 1 << 20 }), {
    city: regions,
    now: new Date(),
    onProgress: (update) => progress.show(update),
  }).dryRun();
  progress.finish();
  streams.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report.rejected > 0 || report.errors.length > 0 ? 1 : 0;
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

const redrawEveryMs = 100;
const plainLineEveryMs = 5_000;
const barWidth = 30;

/**
 * Progress on stderr, so stdout stays the report alone and can be piped. A terminal gets one
 * line redrawn in place; a log or pipe gets a plain line every few seconds, not a flood of `\r`.
 */
class ProgressDisplay {
  private readonly started = performance.now();
  private lastShown = 0;
  private latest: ImportProgress = { bytes: 0, rows: 0 };

  constructor(
    private readonly stderr: CommandStreams['stderr'],
    private readonly totalBytes: number,
  ) {}

  show(progress: ImportProgress): void {
    this.latest = progress;
    const now = performance.now();
    if (now - this.lastShown < (this.stderr.isTTY ? redrawEveryMs : plainLineEveryMs)) return;
    this.lastShown = now;
    if (this.stderr.isTTY) this.redraw();
    else this.stderr.write(`import-households: ${this.summary()}\n`);
  }

  finish(): void {
    if (this.stderr.isTTY) {
      this.redraw();
      this.stderr.write('\n');
    } else {
      this.stderr.write(`import-households: ${this.summary()}\n`);
    }
  }

  private redraw(): void {
    const done = this.totalBytes === 0 ? 1 : Math.min(1, this.latest.bytes / this.totalBytes);
    const filled = Math.round(done * barWidth);
    this.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${this.summary()}\u001b[K`);
  }

  private summary(): string {
    const seconds = (performance.now() - this.started) / 1000;
    const percent = this.totalBytes === 0 ? 100 : Math.floor((this.latest.bytes / this.totalBytes) * 100);
    const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(1);
    const rate = seconds > 0 ? Math.round(this.latest.rows / seconds) : 0;
    return `${percent}% ${megabytes(this.latest.bytes)}/${megabytes(this.totalBytes)} MB, ${this.latest.rows} rows, ${rate} rows/s`;
  }
}
