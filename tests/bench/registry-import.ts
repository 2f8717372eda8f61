import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { banjarmasinKelurahan, banjarmasinRegions } from '../../shared/regions/banjarmasin-kelurahan.ts';
import { InMemoryExistingRegistry } from '../../shared/registry/existing-registry.ts';
import { validateRegistryCsv } from '../../shared/registry/validate-registry-csv.ts';
import { seededRandom } from '../../infra/local/seeded-random.ts';

export interface RegistryImportFigures {
  readonly rows: number;
  readonly ms: number;
  readonly rowsPerSecond: number;
  readonly peakRssMb: number;
  readonly megabytes: number;
  readonly accepted: number;
  readonly rejected: number;
}

const header =
  'NIK,No KK,Nama,Alamat,Kode_Kelurahan,Kode_Kecamatan,Desil,Jumlah_Anggota,Tanggal_Verifikasi,Disabilitas,Lansia,Perempuan_Kepala,Mustahik,Status';
const givenNames = [
  'Ahmad',
  'Siti',
  'Muhammad',
  'Nor',
  'Rahmah',
  'Fauzi',
  'Aisyah',
  'Hj. Masniah',
  'Syarifah',
  'Gusti',
];
const familyNames = ['Hidayat', 'Aminah', 'Rahman', 'Jannah', 'bin Abdullah', 'binti Ismail', 'Saputra', 'Noor'];
const streets = [
  'Jl. Kelayan A',
  'Jl. Pekapuran Raya',
  'Jl. Sungai Andai',
  'Komp. Herlina Perkasa',
  'Jl. Veteran',
  'Gg. Rahayu',
];
const now = new Date('2025-11-20T03:00:00Z');

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A 16-digit number shaped like a NIK or KK: area, a DDMMYY date and a serial, unique per index. */
function sixteenDigits(kecamatan: string, index: number, offset: number): string {
  const serial = (index + offset) % 10_000;
  const rest = Math.floor((index + offset) / 10_000);
  return `${kecamatan.replaceAll('.', '')}${pad((rest % 28) + 1, 2)}${pad((Math.floor(rest / 28) % 12) + 1, 2)}${pad(Math.floor(rest / 336) % 100, 2)}${pad(serial, 4)}`;
}

/**
 * A registry export as an office would send it: BOM, CRLF, mixed-case headers, addresses quoted
 * because they hold commas (some with a line break), dates in the past; about 3 % of rows carry
 * one defect each (malformed or duplicate keys, areas, numbers, dates, flags).
 */
export async function writeSyntheticRegistry(path: string, rows: number, seed = 20251120): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const out = createWriteStream(path);
  let text = `\uFEFF${header}\r\n`;
  const earlier: { nik: string; noKk: string; kecamatan: string }[] = [];
  for (let index = 0; index < rows; index += 1) {
    const kelurahan = pick(banjarmasinKelurahan);
    let kecamatan = kelurahan.kecamatan;
    let kelurahanCode = random() < 0.5 ? kelurahan.code : kelurahan.code.replaceAll('.', '');
    let nik = sixteenDigits(kecamatan, index, 0);
    let noKk = sixteenDigits(kecamatan, index, 5_000_000);
    let desil = String(1 + Math.floor(random() * 10));
    let date = `2024-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`;
    let flag = pick(['ya', 'tidak', 'Ya', 'TIDAK', '1', '0', 'true', 'false']);
    let status = random() < 0.9 ? 'aktif' : 'graduasi';
    let street = pick(streets);
    if (random() < 0.002) street += '\r\nRT 005';
    if (random() < 0.03) {
      const defect = Math.floor(random() * 10);
      const before = earlier[Math.floor(random() * earlier.length)];
      if (defect === 0) nik = nik.slice(1);
      else if (defect === 1) desil = '11';
      else if (defect === 2) kelurahanCode = '63.71.09.1001';
      else if (defect === 3) kecamatan = kecamatan === '63.71.01' ? '63.71.02' : '63.71.01';
      else if (defect === 4) date = '2099-01-01';
      else if (defect === 5) date = '2024-02-30';
      else if (defect === 6) flag = 'mungkin';
      else if (defect === 7) status = 'lulus';
      else if (defect === 8 && before) nik = before.nik;
      else if (defect === 9 && before) {
        noKk = before.noKk;
        kecamatan = before.kecamatan === '63.71.05' ? '63.71.04' : '63.71.05';
      }
    } else if (earlier.length < 1000 && random() < 0.01) {
      earlier.push({ nik, noKk, kecamatan });
    }
    const name = `${pick(givenNames)} ${pick(familyNames)}`;
    const address = `"${street} No. ${1 + Math.floor(random() * 200)}, RT ${pad(1 + Math.floor(random() * 40), 3)}"`;
    const members = String(1 + Math.floor(random() * 8));
    text += `${nik},${noKk},${name},${address},${kelurahanCode},${kecamatan},${desil},${members},${date},${flag},${pick(['ya', 'tidak'])},${pick(['0', '1'])},${pick(['ya', 'tidak'])},${status}\r\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
}

/** Child side: validates the file, prints the figures as JSON. */
async function validateFile(path: string): Promise<void> {
  const existing = new InMemoryExistingRegistry(
    Array.from({ length: 1000 }, (_, index) => ({
      nik: sixteenDigits('63.71.03', index, 9_000_000),
      noKk: sixteenDigits('63.71.03', index, 8_000_000),
      kodeKecamatan: '63.71.03',
    })),
  );
  const started = performance.now();
  let bytes = 0;
  const report = await validateRegistryCsv(createReadStream(path, { highWaterMark: 1 << 20 }), {
    city: banjarmasinRegions,
    existing,
    now,
    onProgress: (progress) => (bytes = progress.bytes),
  }).dryRun();
  const ms = performance.now() - started;
  const rows = report.accepted + report.rejected;
  const figures: RegistryImportFigures = {
    rows,
    ms: Math.round(ms),
    rowsPerSecond: Math.round(rows / (ms / 1000)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    megabytes: Math.round(bytes / 1e5) / 10,
    accepted: report.accepted,
    rejected: report.rejected,
  };
  process.stdout.write(JSON.stringify(figures));
}

const thisFile = fileURLToPath(import.meta.url);

/**
 * Writes a synthetic registry of `rows` rows to a temporary file and validates it in a fresh Node
 * process, so the peak RSS is the validator's own and not the generator's or the test runner's.
 */
export async function measureRegistryImport(rows = 1_000_000): Promise<RegistryImportFigures> {
  const directory = await mkdtemp(join(tmpdir(), 'terang-registry-bench-'));
  try {
    const path = join(directory, 'households.csv');
    await writeSyntheticRegistry(path, rows);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', thisFile, '--validate', path], {
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout) as RegistryImportFigures;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] === thisFile) {
  const [mode, argument] = process.argv.slice(2);
  if (mode === '--validate' && argument) await validateFile(argument);
  else console.table([await measureRegistryImport(mode ? Number(mode) : undefined)]);
}
