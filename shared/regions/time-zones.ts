/**
 * Indonesia's three civil time zones by province code (first two digits of any Kemendagri code).
 * Kalimantan Barat and Tengah keep the Pontianak zone, which is WIB like Jakarta.
 */
const witaProvinces = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const witProvinces = new Set(['81', '82', '91', '92', '93', '94', '95', '96']);
const pontianakProvinces = new Set(['61', '62']);

export function timeZoneOfProvince(areaCode: string): string {
  const province = areaCode.slice(0, 2);
  if (witaProvinces.has(province)) return 'Asia/Makassar';
  if (witProvinces.has(province)) return 'Asia/Jayapura';
  if (pontianakProvinces.has(province)) return 'Asia/Pontianak';
  return 'Asia/Jakarta';
}
