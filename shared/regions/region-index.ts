import type { CityRegions } from './city-regions.ts';

/**
 * Lookups over one city's regions for the row checks, plus a small number per kecamatan so the
 * KK → kecamatan index of a million-row import holds an int, not a string.
 */
export class RegionIndex {
  readonly kecamatanCodes: readonly string[];
  private readonly numberOfKecamatan: ReadonlyMap<string, number>;
  private readonly kecamatanOfKelurahanCode: ReadonlyMap<string, string>;

  constructor(regions: CityRegions) {
    this.kecamatanCodes = [...regions.kelurahanByKecamatan.keys()].sort();
    this.numberOfKecamatan = new Map(this.kecamatanCodes.map((code, number) => [code, number]));
    const kecamatanOfKelurahan = new Map<string, string>();
    for (const [kecamatan, kelurahan] of regions.kelurahanByKecamatan) {
      for (const code of kelurahan) kecamatanOfKelurahan.set(code, kecamatan);
    }
    this.kecamatanOfKelurahanCode = kecamatanOfKelurahan;
  }

  /** The kecamatan's number, or undefined when the city has no such kecamatan. */
  kecamatanNumber(code: string): number | undefined {
    return this.numberOfKecamatan.get(code);
  }

  /** The kecamatan the kelurahan lies in, or undefined when the city has no such kelurahan. */
  kecamatanOf(kelurahanCode: string): string | undefined {
    return this.kecamatanOfKelurahanCode.get(kelurahanCode);
  }
}
