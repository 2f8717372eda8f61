import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { allocate } from '../../shared/allocation/allocate.ts';
import { HouseholdTable } from '../../shared/allocation/household-table.ts';
import type { AllocationRules } from '../../shared/allocation/rules.ts';
import { CsvRecordParser } from '../../shared/csv/csv-record-parser.ts';
import type { EligibilityProfile } from '../../shared/registry/household.ts';
import { utf8Text } from '../../shared/csv/utf8-text.ts';
import { seededRandom } from '../../infra/local/seeded-random.ts';

/**
 * The allocation engine at national scale: ten million households over 7,285 kecamatan, against
 * targets of ≤ 10 s, ≤ 2 GB and ≤ 2× the time to merely parse the same households as CSV. Each
 * measurement runs in its own child process so its peak RSS is its own. The data is synthetic and
 * deterministic (seeded PRNG): the CSV and the in-memory profiles describe the same households,
 * except that profiles carry a random pseudonym instead of the HMAC of the NIK (that HMAC belongs
 * to neither parsing nor allocating).
 */

export interface AllocationFigures {
  readonly households: number;
  readonly kecamatan: number;
  /** Merely parsing the same households as CSV (the registry's streaming CSV parser, no validation). */
  readonly parseMs: number;
  /** Copying in-memory profiles into the engine's HouseholdTable (validation included). */
  readonly loadMs: number;
  /** allocate() on that table: sorting, eligibility, split, ranking, both hashes. */
  readonly allocateMs: number;
  /** loadMs + allocateMs: the engine from in-memory profiles to a hashed result. */
  readonly engineMs: number;
  /** Peak RSS of the allocation child (profiles generated in batches, table, engine, result). */
  readonly peakRssMb: number;
  readonly parsePeakRssMb: number;
  readonly eligible: number;
  readonly lines: number;
}

const defaultHouseholds = Number(process.env['BENCH_ALLOCATION_HOUSEHOLDS'] ?? 10_000_000);
const defaultKecamatan = Number(process.env['BENCH_ALLOCATION_KECAMATAN'] ?? 7_285);

export async function measureAllocation(
  households: number = defaultHouseholds,
  kecamatan: number = defaultKecamatan,
): Promise<AllocationFigures> {
  const parse = await inChild('parse', households, kecamatan);
  const engine = await inChild('allocate', households, kecamatan);
  return {
    households,
    kecamatan,
    parseMs: parse['parseMs'] ?? NaN,
    loadMs: engine['loadMs'] ?? NaN,
    allocateMs: engine['allocateMs'] ?? NaN,
    engineMs: (engine['loadMs'] ?? NaN) + (engine['allocateMs'] ?? NaN),
    peakRssMb: engine['peakRssMb'] ?? NaN,
    parsePeakRssMb: parse['peakRssMb'] ?? NaN,
    eligible: engine['eligible'] ?? NaN,
    lines: engine['lines'] ?? NaN,
  };
}

type ChildTask = 'parse' | 'allocate';

async function inChild(task: ChildTask, households: number, kecamatan: number): Promise<Record<string, number>> {
  const child = spawn(
    process.execPath,
    // --expose-gc: the allocation child collects each batch of generated profiles before timing.
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), task, String(households), String(kecamatan)],
    { stdio: ['ignore', 'pipe', 'inherit'], cwd: fileURLToPath(new URL('../..', import.meta.url)) },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`allocation bench child (${task}) exited with ${code}`);
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
}

function kecamatanCodes(count: number): string[] {
  const two = (value: number) => String(value).padStart(2, '0');
  return Array.from(
    { length: count },
    (_, i) => `${two(11 + (i % 34))}.${two(1 + (Math.floor(i / 34) % 99))}.${two(1 + Math.floor(i / 3366))}`,
  );
}

/** Three years of verification dates ending on the rules' asOf. */
function verificationDates(): string[] {
  const end = Date.UTC(2026, 2, 31);
  return Array.from({ length: 1096 }, (_, day) => new Date(end - day * 86_400_000).toISOString().slice(0, 10));
}

interface SyntheticHousehold extends EligibilityProfile {
  readonly nik: string;
}

/** Households in batches, so the caller never holds them all as objects. */
function* syntheticHouseholds(
  households: number,
  kecamatan: number,
  batchSize = 100_000,
): Generator<SyntheticHousehold[]> {
  const random = seededRandom(20_261_120);
  const codes = kecamatanCodes(kecamatan);
  const dates = verificationDates();
  const word = () =>
    Math.floor(random() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  for (let first = 0; first < households; first += batchSize) {
    const batch: SyntheticHousehold[] = [];
    for (let index = first; index < Math.min(households, first + batchSize); index += 1) {
      // Squaring skews sizes: a few large kecamatan, many small ones, as in the real registry.
      batch.push({
        nik: String(6371010101000000 + index),
        pseudonym: word() + word() + word() + word(),
        kecamatan: codes[Math.floor(random() ** 2 * kecamatan)] as string,
        desil: 1 + Math.floor(random() * 10),
        jumlahAnggota: 1 + Math.floor(random() * 8),
        verifiedOn: dates[Math.floor(random() * dates.length)] as string,
        disabilitas: random() < 0.1,
        lansia: random() < 0.2,
        perempuanKepala: random() < 0.15,
        mustahik: random() < 0.6,
        status: random() < 0.1 ? 'graduasi' : 'aktif',
      });
    }
    yield batch;
  }
}

function benchRules(households: number): AllocationRules {
  return {
    fund: 'CSR',
    amount: 300_000 * Math.floor(households * 0.4),
    benefitPerHousehold: 300_000,
    asOf: '2026-03-31',
    eligibility: { maxDesil: 8, verifiedWithinMonths: 24, requireMustahik: false, excludeGraduated: true },
    kecamatan: { weighting: 'official', floorShare: 0.00001, capShare: 0.01 },
  };
}

function officialCounts(kecamatan: number): Record<string, number> {
  const random = seededRandom(7);
  return Object.fromEntries(kecamatanCodes(kecamatan).map((code) => [code, 100 + Math.floor(random() * 20_000)]));
}

const yesNo = (value: boolean) => (value ? 'ya' : 'tidak');

async function writeCsv(file: string, households: number, kecamatan: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(
    'nik,no_kk,nama,alamat,kode_kelurahan,kode_kecamatan,desil,jumlah_anggota,tanggal_verifikasi,disabilitas,lansia,perempuan_kepala,mustahik,status\n',
  );
  for (const batch of syntheticHouseholds(households, kecamatan)) {
    const text = batch
      .map(
        (h) =>
          `${h.nik},${h.nik},Warga ${h.nik.slice(-6)},"Jl. Contoh No. ${h.nik.slice(-3)}, RT 01",${h.kecamatan}.1001,` +
          `${h.kecamatan},${h.desil},${h.jumlahAnggota},${h.verifiedOn},${yesNo(h.disabilitas)},${yesNo(h.lansia)},` +
          `${yesNo(h.perempuanKepala)},${yesNo(h.mustahik)},${h.status}\n`,
      )
      .join('');
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function parseTask(households: number, kecamatan: number): Promise<Record<string, number>> {
  const directory = await mkdtemp(join(tmpdir(), 'terang-allocation-bench-'));
  try {
    const file = join(directory, 'households.csv');
    await writeCsv(file, households, kecamatan);
    const started = performance.now();
    let records = 0;
    const parser = new CsvRecordParser((record) => {
      if (record.fields.length > 1) records += 1;
    });
    for await (const text of utf8Text(createReadStream(file, { highWaterMark: 1 << 20 }), () => undefined))
      parser.push(text);
    parser.end();
    records -= 1; // the header
    const parseMs = performance.now() - started;
    if (records !== households) throw new Error(`read ${records} of ${households} households`);
    return { parseMs, peakRssMb: peakRssMb() };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function allocateTask(households: number, kecamatan: number): Record<string, number> {
  const table = new HouseholdTable(households);
  let loadMs = 0;
  for (const batch of syntheticHouseholds(households, kecamatan)) {
    // Collect the generator's garbage first, so its collection is not timed as loading.
    (globalThis as { gc?: () => void }).gc?.();
    const started = performance.now();
    for (const profile of batch) table.add(profile);
    loadMs += performance.now() - started;
  }
  const rules = benchRules(households);
  const official = officialCounts(kecamatan);
  const started = performance.now();
  const result = allocate(rules, table, official);
  const allocateMs = performance.now() - started;
  return {
    loadMs,
    allocateMs,
    peakRssMb: peakRssMb(),
    eligible: result.kecamatan.reduce((sum, entry) => sum + entry.eligible, 0),
    lines: result.lines.length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [task, households = String(defaultHouseholds), kecamatan = String(defaultKecamatan)] = process.argv.slice(2);
  if (task === 'parse') console.log(JSON.stringify(await parseTask(Number(households), Number(kecamatan))));
  else if (task === 'allocate') console.log(JSON.stringify(allocateTask(Number(households), Number(kecamatan))));
  else console.table([await measureAllocation(Number(households), Number(kecamatan))]);
}
