/**
 * Kemendagri area codes as offices type them: dotted (`63.71.01.1001`) or bare (`6371011001`).
 * Dots are optional between every pair of parts; the dotted form is the one the registry keeps.
 */
const cityCode = /^(\d{2})\.?(\d{2})$/u;
const kecamatanCode = /^(\d{2})\.?(\d{2})\.?(\d{2})$/u;
const kelurahanCode = /^(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{4})$/u;

function dotted(pattern: RegExp, digits: number, text: string): string | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  const dots = match.length - 2;
  // Most rows already use the dotted form: hand the same string back rather than rebuild it.
  return text.length === digits + dots ? text : match.slice(1).join('.');
}

/** `63.71` from `63.71` or `6371`; undefined when it is not a kota/kabupaten code. */
export function normaliseCityCode(text: string): string | undefined {
  return dotted(cityCode, 4, text);
}

/** `63.71.01` from `63.71.01` or `637101`; undefined when it is not a kecamatan code. */
export function normaliseKecamatanCode(text: string): string | undefined {
  return dotted(kecamatanCode, 6, text);
}

/** `63.71.01.1001` from `63.71.01.1001` or `6371011001`; undefined when it is not a kelurahan/desa code. */
export function normaliseKelurahanCode(text: string): string | undefined {
  return dotted(kelurahanCode, 10, text);
}
