/** A kelurahan or desa with the kecamatan it lies in, codes dotted (`63.71.01.1001`, `63.71.01`). */
export interface Kelurahan {
  readonly code: string;
  readonly kecamatan: string;
  readonly name: string;
}

/**
 * The kecamatan of one kota or kabupaten and the kelurahan/desa in each: what a registry row's
 * area codes are checked against. Codes are dotted.
 */
export interface CityRegions {
  /** Kemendagri code of the kota or kabupaten, e.g. `63.71`. */
  readonly code: string;
  /** IANA zone in which "today" is reckoned when refusing dates in the future. */
  readonly timeZone: string;
  readonly kelurahanByKecamatan: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Groups kelurahan by kecamatan. `kecamatan` lists kecamatan that must exist even if no
 * kelurahan names them (none in Banjarmasin, but the district list is the authority on kecamatan).
 */
export function cityRegionsOf(
  code: string,
  timeZone: string,
  kelurahan: Iterable<Pick<Kelurahan, 'code' | 'kecamatan'>>,
  kecamatan: Iterable<string> = [],
): CityRegions {
  const kelurahanByKecamatan = new Map<string, Set<string>>();
  for (const kecamatanCode of kecamatan) kelurahanByKecamatan.set(kecamatanCode, new Set());
  for (const { code: kelurahanCode, kecamatan: kecamatanCode } of kelurahan) {
    const codes = kelurahanByKecamatan.get(kecamatanCode) ?? new Set<string>();
    codes.add(kelurahanCode);
    kelurahanByKecamatan.set(kecamatanCode, codes);
  }
  return { code, timeZone, kelurahanByKecamatan };
}
