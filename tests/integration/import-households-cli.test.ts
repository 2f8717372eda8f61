import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { importHouseholdsCommand } from '../../infra/local/commands/import-households.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';

const csv = [
  'nik;no_kk;nama;alamat;kode_kelurahan;kode_kecamatan;desil;jumlah_anggota;tanggal_verifikasi;disabilitas;lansia;perempuan_kepala;mustahik;status',
  '6371030101600001;6371030101600101;Ahmad Fauzi;"Jl. Sutoyo S; Gg. 5";63.71.03.1001;63.71.03;2;4;2026-02-14;tidak;tidak;tidak;ya;aktif',
  '6371030101600002;6371030101600102;Maria Ulfa;Jl. Belitung Darat;63.71.03.1002;63.71.03;3;2;2026-02-14;ya;tidak;ya;ya;aktif',
].join('\r\n');

function capture() {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text), isTTY: false },
    out: () => out,
    err: () => err,
  };
}

let table: IsolatedTable;
let file: string;

beforeAll(async () => {
  table = await useIsolatedTable();
  file = join(await mkdtemp(join(tmpdir(), 'terang-cli-')), 'dtks.csv');
  await writeFile(file, csv);
});

describe('npx terang import-households FILE (commit into the local instance)', () => {
  it('imports the valid rows as a new snapshot and prints the report', async () => {
    const streams = capture();

    const code = await importHouseholdsCommand([file], streams);

    expect(code).toBe(0);
    expect(JSON.parse(streams.out())).toMatchObject({ snapshot: 1, accepted: 2, rejected: 0 });
    expect((await table.snapshot()).filter((item) => item['entity'] === 'Household')).toHaveLength(2);
  });

  it('shows progress on stderr, not in the report', async () => {
    const streams = capture();

    await importHouseholdsCommand([file], streams);

    expect(streams.err()).toMatch(/progress at GET \/api\/registry\/imports\/imp_\w+/u);
    expect(() => JSON.parse(streams.out())).not.toThrow();
  });
});
