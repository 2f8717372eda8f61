import { banjarmasin } from './banjarmasin.ts';
import { cityRegionsOf, type CityRegions, type Kelurahan } from './city-regions.ts';

/*
 * The 52 kelurahan of Kota Banjarmasin (Kemendagri 63.71), generated from idn-area-data 4.0.1
 * (data/villages.csv, rows whose district_code starts with 63.71.), itself compiled from the
 * Kemendagri area code regulation by Fityan Nugroho: https://github.com/fityannugroho/idn-area-data
 *
 * That data is made available under the Open Database License (ODbL) v1.0,
 * https://opendatacommons.org/licenses/odbl/1-0/ ; this extract is offered under the same licence.
 * Committed so a Lambda can check registry rows without shipping node_modules; a unit test
 * (tests/unit/registry/banjarmasin-kelurahan.test.ts) fails when it drifts from the package.
 */
export const banjarmasinKelurahan: readonly Kelurahan[] = [
  { code: '63.71.01.1001', kecamatan: '63.71.01', name: 'Mantuil' },
  { code: '63.71.01.1002', kecamatan: '63.71.01', name: 'Kelayan Selatan' },
  { code: '63.71.01.1003', kecamatan: '63.71.01', name: 'Pekauman' },
  { code: '63.71.01.1004', kecamatan: '63.71.01', name: 'Kelayan Barat' },
  { code: '63.71.01.1005', kecamatan: '63.71.01', name: 'Kelayan Tengah' },
  { code: '63.71.01.1006', kecamatan: '63.71.01', name: 'Kelayan Dalam' },
  { code: '63.71.01.1007', kecamatan: '63.71.01', name: 'Murung Raya' },
  { code: '63.71.01.1008', kecamatan: '63.71.01', name: 'Kelayan Timur' },
  { code: '63.71.01.1009', kecamatan: '63.71.01', name: 'Tanjung Pagar' },
  { code: '63.71.01.1010', kecamatan: '63.71.01', name: 'Pemurus Dalam' },
  { code: '63.71.01.1011', kecamatan: '63.71.01', name: 'Pemurus Baru' },
  { code: '63.71.01.1012', kecamatan: '63.71.01', name: 'Basirih Selatan' },
  { code: '63.71.02.1001', kecamatan: '63.71.02', name: 'Kuripan' },
  { code: '63.71.02.1002', kecamatan: '63.71.02', name: 'Kebun Bunga' },
  { code: '63.71.02.1003', kecamatan: '63.71.02', name: 'Karang Mekar' },
  { code: '63.71.02.1004', kecamatan: '63.71.02', name: 'Sungai Bilu' },
  { code: '63.71.02.1005', kecamatan: '63.71.02', name: 'Sungai Lulut' },
  { code: '63.71.02.1006', kecamatan: '63.71.02', name: 'Banua Anyar' },
  { code: '63.71.02.1007', kecamatan: '63.71.02', name: 'Pengambangan' },
  { code: '63.71.02.1008', kecamatan: '63.71.02', name: 'Pekapuran Raya' },
  { code: '63.71.02.1009', kecamatan: '63.71.02', name: 'Pemurus Luar' },
  { code: '63.71.03.1001', kecamatan: '63.71.03', name: 'Belitung Utara' },
  { code: '63.71.03.1002', kecamatan: '63.71.03', name: 'Belitung Selatan' },
  { code: '63.71.03.1003', kecamatan: '63.71.03', name: 'Pelambuan' },
  { code: '63.71.03.1004', kecamatan: '63.71.03', name: 'Telaga Biru' },
  { code: '63.71.03.1005', kecamatan: '63.71.03', name: 'Telawang' },
  { code: '63.71.03.1006', kecamatan: '63.71.03', name: 'Teluk Tiram' },
  { code: '63.71.03.1007', kecamatan: '63.71.03', name: 'Kuin Selatan' },
  { code: '63.71.03.1008', kecamatan: '63.71.03', name: 'Kuin Cerucuk' },
  { code: '63.71.03.1009', kecamatan: '63.71.03', name: 'Basirih' },
  { code: '63.71.04.1001', kecamatan: '63.71.04', name: 'Alalak Tengah' },
  { code: '63.71.04.1002', kecamatan: '63.71.04', name: 'Alalak Utara' },
  { code: '63.71.04.1003', kecamatan: '63.71.04', name: 'Alalak Selatan' },
  { code: '63.71.04.1004', kecamatan: '63.71.04', name: 'Sungai Jingah' },
  { code: '63.71.04.1005', kecamatan: '63.71.04', name: 'Sungai Miai' },
  { code: '63.71.04.1006', kecamatan: '63.71.04', name: 'Surgi Mufti' },
  { code: '63.71.04.1007', kecamatan: '63.71.04', name: 'Pangeran' },
  { code: '63.71.04.1008', kecamatan: '63.71.04', name: 'Antasan Kecil Timur' },
  { code: '63.71.04.1009', kecamatan: '63.71.04', name: 'Kuin Utara' },
  { code: '63.71.04.1010', kecamatan: '63.71.04', name: 'Sungai Andai' },
  { code: '63.71.05.1001', kecamatan: '63.71.05', name: 'Kertak Baru Ilir' },
  { code: '63.71.05.1002', kecamatan: '63.71.05', name: 'Kertak Baru Ulu' },
  { code: '63.71.05.1003', kecamatan: '63.71.05', name: 'Mawar' },
  { code: '63.71.05.1004', kecamatan: '63.71.05', name: 'Teluk Dalam' },
  { code: '63.71.05.1005', kecamatan: '63.71.05', name: 'Antasan Besar' },
  { code: '63.71.05.1006', kecamatan: '63.71.05', name: 'Pasar Lama' },
  { code: '63.71.05.1007', kecamatan: '63.71.05', name: 'Seberang Mesjid' },
  { code: '63.71.05.1008', kecamatan: '63.71.05', name: 'Gadang' },
  { code: '63.71.05.1009', kecamatan: '63.71.05', name: 'Melayu' },
  { code: '63.71.05.1010', kecamatan: '63.71.05', name: 'Sungai Baru' },
  { code: '63.71.05.1011', kecamatan: '63.71.05', name: 'Pekapuran Laut' },
  { code: '63.71.05.1012', kecamatan: '63.71.05', name: 'Kelayan Luar' },
];

/** Banjarmasin's kecamatan and kelurahan for `validateRegistryCsv`, without reading node_modules. */
export const banjarmasinRegions: CityRegions = cityRegionsOf(
  banjarmasin.code,
  banjarmasin.timeZone,
  banjarmasinKelurahan,
);
