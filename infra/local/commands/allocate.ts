import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';

import { allocate } from '../../../shared/allocation/allocate.ts';
import { isAllocationError } from '../../../shared/allocation/allocation-errors.ts';
import { encodeResult } from '../../../shared/allocation/encode-result.ts';
import { HouseholdTable } from '../../../shared/allocation/household-table.ts';
import { parseKecamatanCounts, type KecamatanCounts } from '../../../shared/allocation/official-counts.ts';
import { parseAllocationRules } from '../../../shared/allocation/rules.ts';
import { isProblem } from '../../../shared/domain/errors.ts';
import { banjarmasinKecamatan } from '../../../shared/regions/banjarmasin.ts';
import { banjarmasinRegions } from '../../../shared/regions/banjarmasin-kelurahan.ts';
import type { CityRegions } from '../../../shared/regions/city-regions.ts';
import { loadCityRegions } from '../../../shared/regions/load-city-regions.ts';
import { normaliseCityCode } from '../../../shared/regions/region-codes.ts';
import type { HouseholdRecord } from '../../../shared/registry/household.ts';
import { validateRegistryCsv } from '../../../shared/registry/validate-registry-csv.ts';
import { parsePseudonymKey, toEligibilityProfile } from '../../../shared/registry/pseudonym.ts';

export const allocateUsage = `Usage: npx terang allocate --households FILE.csv --rules RULES.json [--key HEX] [--official FILE.json] > result.json

Computes an allocation offline, exactly as Terang publishes it, and writes the result as canonical
JSON (shared/allocation/FORMAT.md) to stdout. Anyone holding the inputs can recompute a published
result and compare its inputsHash and outputsHash.

  --households  registry CSV (nik, no_kk, nama, alamat, kode_kelurahan, kode_kecamatan, desil,
                jumlah_anggota, tanggal_verifikasi, disabilitas, lansia, perempuan_kepala,
                mustahik, status)
  --rules       allocation rules JSON
  --key         the registry's pseudonym key as hex (default: TERANG_PSEUDONYM_KEY)
  --city        kota/kabupaten code whose kecamatan and kelurahan the rows must use (default 63.71)
  --official    official poor households per kecamatan, {"63.71.01": 11417, …}
                (default: Kota Banjarmasin's, from shared/regions/banjarmasin.ts)`;

export interface CommandIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
}

/** A problem with the command line or a file: printed as is, exit code 2. */
class InputError extends Error {}

/**
 * `terang allocate`: 0 when the result was written, 2 when an input is wrong (the message names
 * the option or field), 1 on anything unexpected.
 */
export async function allocateCommand(args: string[], io: CommandIo = processIo()): Promise<number> {
  try {
    const options = readOptions(args);
    if (options.help) {
      io.stdout.write(`${allocateUsage}\n`);
      return 0;
    }
    const [householdsFile, rulesFile] = [required(options.households, 'households'), required(options.rules, 'rules')];
    const key = pseudonymKey(options.key ?? io.env['TERANG_PSEUDONYM_KEY']);
    const rules = parseAllocationRules(await readJson(rulesFile, '--rules'));
    const official = options.official
      ? parseKecamatanCounts(await readJson(options.official, '--official'), 'official')
      : banjarmasinOfficialCounts();
    const table = await householdTableFrom(validRegistryRows(householdsFile, await cityRegions(options.city)), key);
    const result = allocate(rules, table, official);
    // Chunk by chunk, waiting when the pipe is full: ten million lines never become one string.
    for (const chunk of encodeResult(result)) await write(io.stdout, chunk);
    await write(io.stdout, '\n');
    return 0;
  } catch (error) {
    return report(error, io.stderr);
  }
}

/** The adapter from any household source to the engine's table: pseudonymise, then add. */
export async function householdTableFrom(
  records: AsyncIterable<HouseholdRecord>,
  key: Uint8Array,
): Promise<HouseholdTable> {
  const table = new HouseholdTable();
  for await (const record of records) table.add(toEligibilityProfile(record, key));
  return table;
}

/**
 * The registry file through the same validator as an import, so a recomputation sees exactly the
 * households Terang would hold. A file with rejected rows is refused, naming the first problems.
 */
async function* validRegistryRows(file: string, city: CityRegions): AsyncGenerator<HouseholdRecord> {
  await access(file).catch(() => {
    throw new InputError(`--households: cannot read ${file}`);
  });
  const validation = validateRegistryCsv(createReadStream(file, { highWaterMark: 1 << 20 }), {
    city,
    now: new Date(),
  });
  yield* validation.records();
  const report = validation.report();
  if (report.rejected > 0 || report.errors.length > 0) {
    const first = report.errors
      .slice(0, 5)
      .map((error) => `  line ${error.line}, ${error.column}: ${error.message} (${error.code})`)
      .join('\n');
    throw new InputError(`--households: ${report.rejected} rows of ${file} were rejected:\n${first}`);
  }
}

/** Banjarmasin's regions ship with the code; any other city's come from idn-area-data. */
async function cityRegions(code: string | undefined): Promise<CityRegions> {
  if (code === undefined || code === banjarmasinRegions.code) return banjarmasinRegions;
  const normalised = normaliseCityCode(code);
  if (!normalised) throw new InputError(`--city must be a kota/kabupaten code such as 63.71`);
  return loadCityRegions(normalised);
}

function readOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        households: { type: 'string' },
        rules: { type: 'string' },
        key: { type: 'string' },
        official: { type: 'string' },
        city: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new InputError(`${error instanceof Error ? error.message : String(error)}\n\n${allocateUsage}`);
  }
}

function required(value: string | undefined, option: string): string {
  if (!value) throw new InputError(`--${option} is required\n\n${allocateUsage}`);
  return value;
}

function pseudonymKey(hex: string | undefined): Uint8Array {
  if (!hex) {
    throw new InputError('--key is required (or set TERANG_PSEUDONYM_KEY): the registry pseudonym key, as hex');
  }
  try {
    return parsePseudonymKey(hex);
  } catch (error) {
    throw new InputError(`--key: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readJson(file: string, option: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${option} ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${option} ${file} is not valid JSON: ${error instanceof Error ? error.message : ''}`);
  }
}

function banjarmasinOfficialCounts(): KecamatanCounts {
  return Object.fromEntries(banjarmasinKecamatan.map((kecamatan) => [kecamatan.code, kecamatan.poorHouseholds]));
}

function report(error: unknown, stderr: Writable): number {
  if (error instanceof InputError) {
    stderr.write(`terang allocate: ${error.message}\n`);
    return 2;
  }
  if (isAllocationError(error) || isProblem(error)) {
    stderr.write(`terang allocate: ${error.code}\n`);
    for (const issue of error.issues) stderr.write(`  ${issue.path} ${issue.message}\n`);
    if (error.code === 'missing_official_count') {
      stderr.write('  (pass --official FILE.json with the official counts of these kecamatan)\n');
    }
    if (error.code === 'invalid_household' || error.code === 'duplicate_household') {
      stderr.write('  (households.N counts the CSV households from 0, not counting the header)\n');
    }
    return 2;
  }
  stderr.write(`terang allocate: unexpected failure\n${error instanceof Error ? error.stack : String(error)}\n`);
  return 1;
}

async function write(stream: Writable, chunk: Uint8Array | string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

function processIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
