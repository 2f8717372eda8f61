import type { City, Kecamatan } from '../domain/city.ts';

/** Kota Banjarmasin (Kemendagri 63.71). Poor-household counts from the city's 2018 report. */
export const banjarmasin: Omit<City, 'demo'> = {
  code: '63.71',
  name: 'Kota Banjarmasin',
  timeZone: 'Asia/Makassar',
};

export const banjarmasinKecamatan: readonly Kecamatan[] = [
  { code: '63.71.01', name: 'Banjarmasin Selatan', poorHouseholds: 11_417 },
  { code: '63.71.02', name: 'Banjarmasin Timur', poorHouseholds: 6_621 },
  { code: '63.71.03', name: 'Banjarmasin Barat', poorHouseholds: 8_429 },
  { code: '63.71.04', name: 'Banjarmasin Utara', poorHouseholds: 7_514 },
  { code: '63.71.05', name: 'Banjarmasin Tengah', poorHouseholds: 5_555 },
];
