import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useIsolatedTable } from '../support/isolated-table.ts';
import { startLocalApi, type LocalApi } from '../support/local-api.ts';

const header =
  'nik,no_kk,nama,alamat,kode_kelurahan,kode_kecamatan,desil,jumlah_anggota,tanggal_verifikasi,disabilitas,lansia,perempuan_kepala,mustahik,status';

function household(serial: number, kecamatan: string, desil: number, status = 'aktif'): string {
  const digits = String(serial).padStart(4, '0');
  return `637104010170${digits},637104010171${digits},Warga ${serial},Alamat ${serial},${kecamatan}.1001,${kecamatan},${desil},3,2026-05-01,tidak,tidak,tidak,ya,${status}`;
}

let api: LocalApi;

beforeAll(async () => {
  await useIsolatedTable();
  api = await startLocalApi();
  const rows = [
    // Banjarmasin Utara: six potential beneficiaries, one too rich, one graduated.
    ...[1, 2, 3, 4, 5, 6].map((serial) => household(serial, '63.71.04', 1 + (serial % 4))),
    household(7, '63.71.04', 8),
    household(8, '63.71.04', 2, 'graduasi'),
    // Banjarmasin Tengah: four, under the threshold.
    ...[9, 10, 11, 12].map((serial) => household(serial, '63.71.05', 2)),
  ];
  const imported = await api.call('POST', '/api/registry/imports', {
    token: await api.token('officer'),
    rawBody: [header, ...rows].join('\n'),
    headers: { 'content-type': 'text/csv' },
  });
  expect(imported.body).toMatchObject({ accepted: 12, rejected: 0 });
});

afterAll(async () => {
  await api.close();
});

async function kecamatan(code: string) {
  const response = await api.call('GET', '/api/public/kecamatan');
  return response.body.items.find((item: { code: string }) => item.code === code);
}

describe('GET /api/public/kecamatan eligible households', () => {
  it('counts the active households of desil 1-4 in a kecamatan', async () => {
    expect((await kecamatan('63.71.04')).eligibleHouseholds).toBe(6);
  });

  it('withholds a count below five households', async () => {
    expect((await kecamatan('63.71.05')).eligibleHouseholds).toBeNull();
  });

  it('withholds an empty kecamatan too', async () => {
    expect((await kecamatan('63.71.01')).eligibleHouseholds).toBeNull();
  });
});
