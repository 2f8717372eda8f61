/** The city a Terang instance serves, with its kecamatan (Kemendagri codes `PP.KK.CC`). */
export interface City {
  readonly code: string;
  readonly name: string;
  /** IANA zone used for dates shown to people (WITA for Banjarmasin). */
  readonly timeZone: string;
  /** True when the instance holds seeded demo data ("Data contoh"), never real money. */
  readonly demo: boolean;
}

export interface Kecamatan {
  readonly code: string;
  readonly name: string;
  /** Poor households in the city's own report (Banjarmasin: 2018). */
  readonly poorHouseholds: number;
}

export function isKecamatanOf(city: City, code: string): boolean {
  return code.startsWith(`${city.code}.`) && /^\d{2}\.\d{2}\.\d{2}$/u.test(code);
}
