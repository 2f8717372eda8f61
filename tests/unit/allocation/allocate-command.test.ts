import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { allocateCommand } from '../../../infra/local/commands/allocate.ts';
import type { HouseholdRecord } from '../../../shared/registry/household.ts';
import { parsePseudonymKey, toEligibilityProfile } from '../../../shared/registry/pseudonym.ts';
import { referenceCanonicalJson, referenceInputsHash, referenceOutputsHash, rules } from './fixtures.ts';

const key = '000102030405060708090a0b0c0d0e0f';
const header =
  'nik,no_kk,nama,alamat,kode_kelurahan,kode_kecamatan,desil,jumlah_anggota,tanggal_verifikasi,disabilitas,lansia,perempuan_kepala,mustahik,status';
const rows = [
  '6371010101000001,6371010101009001,Siti Aminah,"Jl. Veteran, RT 01",63.71.01.1001,63.71.01,1,4,2026-01-10,ya,tidak,ya,ya,aktif',
  '6371010101000002,6371010101009002,"Budi ""Ucok"" Santoso",Jl. A. Yani,63.71.01.1002,63.71.01,2,3,2025-12-01,tidak,tidak,tidak,ya,aktif',
  '6371020101000003,6371020101009003,Ani,Jl. Pramuka,63.71.02.1001,63.71.02,1,5,2025-06-01,tidak,ya,tidak,tidak,aktif',
  '6371020101000004,6371020101009004,Dedi,Jl. Sutoyo,63.71.02.1002,63.71.02,3,2,2026-02-01,tidak,tidak,tidak,ya,graduasi',
  '6371030101000005,6371030101009005,Rina,Jl. Belitung,63.71.03.1001,63.71.03,1,6,2026-03-01,ya,ya,ya,ya,aktif',
];

/** The records the CSV above describes, to compute the expected hashes independently. */
const records: HouseholdRecord[] = rows.map((row) => {
  const cells = row.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/gu)!.map((cell) => cell.replace(/,$/u, ''));
  const field = (index: number) => (cells[index] ?? '').replace(/^"|"$/gu, '').replace(/""/gu, '"');
  return {
    nik: field(0),
    noKk: field(1),
    nama: field(2),
    alamat: field(3),
    kodeKelurahan: field(4),
    kodeKecamatan: field(5),
    desil: Number(field(6)),
    jumlahAnggota: Number(field(7)),
    tanggalVerifikasi: field(8),
    disabilitas: field(9) === 'ya',
    lansia: field(10) === 'ya',
    perempuanKepala: field(11) === 'ya',
    mustahik: field(12) === 'ya',
    status: field(13) as HouseholdRecord['status'],
  };
});

const banjarmasinOfficial = {
  '63.71.01': 11_417,
  '63.71.02': 6_621,
  '63.71.03': 8_429,
  '63.71.04': 7_514,
  '63.71.05': 5_555,
};

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'terang-allocate-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
}

function collector() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs the command; returns the exit code and what it printed. */
async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const [stdout, stderr] = [collector(), collector()];
  const code = await allocateCommand(args, { stdout: stdout.stream, stderr: stderr.stream, env });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const officialRules = rules({
  amount: 1_000_000,
  benefitPerHousehold: 400_000,
  eligibility: { maxDesil: 4, verifiedWithinMonths: 12 },
  kecamatan: { weighting: 'official' },
});

describe('terang allocate', () => {
  it('writes a result whose outputsHash verifies', async () => {
    // Prepare
    const households = await file('households.csv', [header, ...rows].join('\n'));
    const rulesFile = await file('rules.json', JSON.stringify(officialRules));
    // Act
    const { code, stdout, stderr } = await run(['--households', households, '--rules', rulesFile, '--key', key]);
    // Assess
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const result = JSON.parse(stdout) as { outputsHash: string; lines: unknown[] };
    expect(result.outputsHash).toBe(referenceOutputsHash(result));
    expect(result.lines).toHaveLength(2);
  });

  it('hashes the pseudonymised households, Banjarmasin official counts and rules as inputs', async () => {
    // Prepare
    const households = await file('households.csv', [header, ...rows].join('\r\n'));
    const rulesFile = await file('rules.json', JSON.stringify(officialRules));
    const profiles = records.map((record) => toEligibilityProfile(record, parsePseudonymKey(key)));
    // Act
    const { stdout } = await run(['--households', households, '--rules', rulesFile, '--key', key]);
    // Assess
    const result = JSON.parse(stdout) as { inputsHash: string };
    expect(result.inputsHash).toBe(referenceInputsHash(officialRules, banjarmasinOfficial, profiles));
  });

  it('prints canonical JSON: sorted keys, no whitespace, one final newline', async () => {
    const households = await file('households.csv', [header, ...rows].join('\n'));
    const rulesFile = await file('rules.json', JSON.stringify(officialRules));

    const { stdout } = await run(['--households', households, '--rules', rulesFile, '--key', key]);

    expect(stdout).toBe(`${referenceCanonicalJson(JSON.parse(stdout))}\n`);
  });

  it('gives the same bytes for a shuffled, semicolon-separated CSV', async () => {
    // Prepare
    const rulesFile = await file('rules.json', JSON.stringify(officialRules));
    const comma = await file('comma.csv', [header, ...rows].join('\n'));
    const semicolon = await file(
      'semicolon.csv',
      [header, ...[...rows].reverse()]
        .map((line) => line.replace(/"[^"]*(?:""[^"]*)*"|,/gu, (part) => (part === ',' ? ';' : part)))
        .join('\n'),
    );
    // Act
    const first = await run(['--households', comma, '--rules', rulesFile, '--key', key]);
    const second = await run(['--households', semicolon, '--rules', rulesFile, '--key', key]);
    // Assess
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('takes the pseudonym key from TERANG_PSEUDONYM_KEY', async () => {
    const households = await file('households.csv', [header, ...rows].join('\n'));
    const rulesFile = await file('rules.json', JSON.stringify(officialRules));

    const fromEnv = await run(['--households', households, '--rules', rulesFile], { TERANG_PSEUDONYM_KEY: key });
    const fromOption = await run(['--households', households, '--rules', rulesFile, '--key', key]);

    expect(fromEnv.stdout).toBe(fromOption.stdout);
  });

  it('exits 2 and asks for the key when there is none', async () => {
    const households = await file('households.csv', [header, ...rows].join('\n'));
    const rulesFile = await file('rules.json', JSON.stringify(officialRules));

    const { code, stderr, stdout } = await run(['--households', households, '--rules', rulesFile]);

    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/--key is required.*TERANG_PSEUDONYM_KEY/u);
  });

  it('exits 2 naming the rules field that is wrong', async () => {
    // Prepare
    const households = await file('households.csv', [header, ...rows].join('\n'));
    const rulesFile = await file(
      'rules.json',
      JSON.stringify({ ...officialRules, kecamatan: { weighting: 'official', floorShare: 2 } }),
    );
    // Act
    const { code, stderr } = await run(['--households', households, '--rules', rulesFile, '--key', key]);
    // Assess
    expect(code).toBe(2);
    expect(stderr).toMatch(/kecamatan\.floorShare must be a number from 0 to 1/u);
  });

  it('exits 2 naming the CSV line and column that is wrong', async () => {
    const households = await file('households.csv', [header, rows[0], rows[1]!.replace(',2,3,', ',12,3,')].join('\n'));
    const rulesFile = await file('rules.json', JSON.stringify(officialRules));

    const { code, stderr } = await run(['--households', households, '--rules', rulesFile, '--key', key]);

    expect(code).toBe(2);
    expect(stderr).toMatch(/line 3, desil: .*\(desil_invalid\)/u);
  });

  it('exits 2 naming the official count it lacks outside Banjarmasin', async () => {
    // Prepare
    const outside = rows[0]!.replace('63.71.01.1001', '11.01.01.2001').replaceAll('63.71.01', '11.01.01');
    const households = await file('households.csv', [header, outside].join('\n'));
    const rulesFile = await file('rules.json', JSON.stringify(officialRules));
    // Act
    const { code, stderr } = await run([
      '--households',
      households,
      '--rules',
      rulesFile,
      '--key',
      key,
      '--city',
      '11.01',
    ]);
    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain('official.11.01.01 is missing');
  });

  it('uses the official counts given with --official', async () => {
    const outside = rows[0]!.replace('63.71.01.1001', '11.01.01.2001').replaceAll('63.71.01', '11.01.01');
    const households = await file('households.csv', [header, outside].join('\n'));
    const rulesFile = await file('rules.json', JSON.stringify(officialRules));
    const official = await file('official.json', JSON.stringify({ '11.01.01': 250 }));

    const { code, stdout } = await run([
      '--households',
      households,
      '--rules',
      rulesFile,
      '--key',
      key,
      '--official',
      official,
      '--city',
      '11.01',
    ]);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ kecamatan: [{ code: '11.01.01', weight: 250, slots: 1 }] });
  });

  it('exits 2 when a required option is missing', async () => {
    const { code, stderr } = await run(['--rules', 'rules.json', '--key', key]);

    expect(code).toBe(2);
    expect(stderr).toContain('--households is required');
  });
});
