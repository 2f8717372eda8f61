import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { LocalDataKeyProvider } from '../../shared/keys/local-data-keys.ts';
import { newId } from '../../shared/domain/ids.ts';
import { banjarmasinRegions } from '../../shared/regions/banjarmasin-kelurahan.ts';
import { importHouseholds, type RegistryImportDependencies } from '../../shared/registry/import-households.ts';
import { useIsolatedTable, type IsolatedTable } from '../support/isolated-table.ts';

const officer = { sub: 'officer-1', roles: ['officer' as const] };
const header =
  'nik;no_kk;nama;alamat;kode_kelurahan;kode_kecamatan;desil;jumlah_anggota;tanggal_verifikasi;disabilitas;lansia;perempuan_kepala;mustahik;status';

function row(
  nik: string,
  kk: string,
  nama: string,
  kecamatan = '63.71.01',
  kelurahan = '63.71.01.1001',
  desil = 2,
): string {
  return `${nik};${kk};${nama};"Jl. Kelayan B; Gang ${nama.length}";${kelurahan};${kecamatan};${desil};4;2026-03-01;tidak;ya;tidak;ya;aktif`;
}

let table: IsolatedTable;
let deps: RegistryImportDependencies;

beforeAll(async () => {
  table = await useIsolatedTable();
  const { documentClient } = await import('../../shared/dynamodb/client.ts');
  const { DynamoDbRegistryStore } = await import('../../shared/dynamodb/dynamodb-registry-store.ts');
  const { DynamoDbStore } = await import('../../shared/dynamodb/dynamodb-store.ts');
  const store = new DynamoDbStore(documentClient, table.tableName);
  const registry = new DynamoDbRegistryStore(documentClient, table.tableName, async () =>
    (await store.listKecamatan()).map((kecamatan) => kecamatan.code),
  );
  deps = {
    registry,
    dataKeys: await LocalDataKeyProvider.open(join(await mkdtemp(join(tmpdir(), 'terang-keys-')), 'master.key')),
    pseudonymKey: randomBytes(32),
    city: banjarmasinRegions,
  };
});

async function runImport(lines: string[], dryRun = false) {
  return importHouseholds(deps, officer, [`${[header, ...lines].join('\r\n')}\r\n`], {
    importId: newId('imp'),
    dryRun,
    now: new Date('2026-11-23T00:00:00Z'),
  });
}

async function households() {
  return (await table.snapshot()).filter((item) => item['entity'] === 'Household');
}

describe('registry import into DynamoDB', () => {
  it('commits the accepted households as a new snapshot', async () => {
    const { registryImport, report } = await runImport([
      row('6371010101800001', '6371010101800101', 'Siti Aminah'),
      row('6371010101800002', '6371010101800102', 'Rahmat Hidayat', '63.71.02', '63.71.02.1001'),
    ]);

    expect(report).toMatchObject({ accepted: 2, rejected: 0 });
    expect(registryImport).toMatchObject({ status: 'completed', snapshot: 1, accepted: 2 });
    expect(await deps.registry.currentSnapshot()).toMatchObject({ version: 1, households: 2 });
  });

  it('stores no NIK, KK, name or address in the clear', async () => {
    const items = JSON.stringify(await table.snapshot());

    for (const secret of ['6371010101800001', '6371010101800101', 'Siti Aminah', 'Kelayan B'])
      expect(items).not.toContain(secret);
  });

  it('updates a re-imported household instead of duplicating it', async () => {
    const before = await households();

    const { registryImport } = await runImport([
      row('6371010101800001', '6371010101800101', 'Siti Aminah', '63.71.01', '63.71.01.1001', 1),
    ]);

    const after = await households();
    expect(registryImport.snapshot).toBe(2);
    expect(after).toHaveLength(before.length);
    expect(after.find((item) => item['desil'] === 1)).toBeDefined();
  });

  it('rejects a NIK already held under another KK', async () => {
    const { report } = await runImport([
      row('6371010101800002', '6371010101899999', 'Rahmat Hidayat', '63.71.02', '63.71.02.1001'),
    ]);

    expect(report.rejected).toBe(1);
    expect(report.errors[0]).toMatchObject({ line: 2, column: 'nik' });
  });

  it('rejects a KK already held in another kecamatan', async () => {
    const { report } = await runImport([
      row('6371010101800003', '6371010101800101', 'Nur Aisyah', '63.71.03', '63.71.03.1001'),
    ]);

    expect(report.rejected).toBe(1);
    expect(report.errors[0]).toMatchObject({ line: 2, column: 'no_kk' });
  });

  it('writes no household on a dry run but keeps its report', async () => {
    const before = await households();

    const { registryImport, report } = await runImport(
      [row('6371010101800009', '6371010101800109', 'Dewi Lestari')],
      true,
    );

    expect(report.accepted).toBe(1);
    expect(await households()).toHaveLength(before.length);
    expect(await deps.registry.getImport(registryImport.id)).toMatchObject({
      dryRun: true,
      status: 'completed',
      accepted: 1,
    });
  });

  it('lists the households as eligibility profiles without personal data', async () => {
    const profiles = [];

    for await (const profile of deps.registry.eligibilityProfiles()) profiles.push(profile);

    expect(profiles).toHaveLength(2);
    expect(Object.keys(profiles[0] ?? {}).sort()).toEqual(
      [
        'desil',
        'disabilitas',
        'jumlahAnggota',
        'kecamatan',
        'lansia',
        'mustahik',
        'perempuanKepala',
        'pseudonym',
        'status',
        'verifiedOn',
      ].sort(),
    );
  });
});
