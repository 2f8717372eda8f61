import { banjarmasinKelurahan } from '../../shared/regions/banjarmasin-kelurahan.ts';
import { seededRandom } from './seeded-random.ts';

const header =
  'nik;no_kk;nama;alamat;kode_kelurahan;kode_kecamatan;desil;jumlah_anggota;tanggal_verifikasi;disabilitas;lansia;perempuan_kepala;mustahik;status';

/**
 * A fictional registry for the demo: `households` families spread over Banjarmasin's 52 kelurahan.
 * Names say "Warga Contoh" and NIKs start from an impossible birth date (day 00), so no row can be
 * mistaken for a real person.
 */
export function demoRegistryCsv(households = 400): string {
  // Seeded, so every `npm start` seeds the same fictional registry.
  const next = seededRandom(6371);
  const lines = [header];
  for (let serial = 1; serial <= households; serial += 1) {
    const kelurahan = banjarmasinKelurahan[
      Math.floor(next() * banjarmasinKelurahan.length)
    ] as (typeof banjarmasinKelurahan)[number];
    const region = kelurahan.kecamatan.replaceAll('.', '');
    const number = String(serial).padStart(4, '0');
    const desil = 1 + Math.floor(next() ** 1.5 * 10);
    const flag = (chance: number) => (next() < chance ? 'ya' : 'tidak');
    const month = String(1 + Math.floor(next() * 10)).padStart(2, '0');
    lines.push(
      [
        `${region}000000${number}`,
        `${region}000001${number}`,
        `Warga Contoh ${number}`,
        `Alamat contoh ${number}, ${kelurahan.name}`,
        kelurahan.code,
        kelurahan.kecamatan,
        desil,
        1 + Math.floor(next() * 7),
        `2026-${month}-15`,
        flag(0.08),
        flag(0.15),
        flag(0.2),
        flag(0.85),
        next() < 0.05 ? 'graduasi' : 'aktif',
      ].join(';'),
    );
  }
  return `${lines.join('\n')}\n`;
}
