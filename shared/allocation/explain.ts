import type { AllocationLine } from './allocation-lines.ts';
import type { KecamatanSplit } from './kecamatan-split.ts';
import type { AllocationResult } from './result.ts';

/** Explanations are written in Bahasa Indonesia for residents, with English for everyone else. */
export type Language = 'id' | 'en';

const flagNames = {
  id: { disabilitas: 'disabilitas', lansia: 'lansia', perempuanKepala: 'perempuan kepala keluarga' },
  en: { disabilitas: 'disability', lansia: 'elderly', perempuanKepala: 'woman-headed' },
} as const;

/**
 * Why a household got its slot, e.g. "desil 1, 2 tanda kerentanan (disabilitas, lansia),
 * 5 anggota keluarga: peringkat 14 dari 312 rumah tangga layak di 63.71.01, yang mendapat 120 slot".
 * Made on request from the result's table, so ten million lines carry no stored text.
 */
export function explainLine(result: AllocationResult, line: AllocationLine, language: Language = 'id'): string {
  const profile = result.lines.profileOf(line);
  const kecamatan = result.kecamatan.find((entry) => entry.code === line.kecamatan);
  if (!profile || !kecamatan) {
    throw new RangeError(`household ${line.household} has no line of rank ${line.rank} in ${line.kecamatan}`);
  }
  const names = flagNames[language];
  const flags = (['disabilitas', 'lansia', 'perempuanKepala'] as const)
    .filter((flag) => profile[flag])
    .map((flag) => names[flag]);
  const flagList = flags.length > 0 ? ` (${flags.join(', ')})` : '';
  return language === 'id'
    ? `desil ${profile.desil}, ${flags.length} tanda kerentanan${flagList}, ${profile.jumlahAnggota} anggota ` +
        `keluarga: peringkat ${line.rank} dari ${kecamatan.eligible} rumah tangga layak di ${line.kecamatan}, ` +
        `yang mendapat ${kecamatan.slots} slot`
    : `desil ${profile.desil}, ${flags.length} vulnerability flag${flags.length === 1 ? '' : 's'}${flagList}, ` +
        `${profile.jumlahAnggota} household member${profile.jumlahAnggota === 1 ? '' : 's'}: rank ${line.rank} of ` +
        `${kecamatan.eligible} eligible households in ${line.kecamatan}, which received ${kecamatan.slots} slots`;
}

/**
 * How a kecamatan's slots were computed: eligible count, weight, bounds, exact quota and slots,
 * e.g. "63.71.01: 312 rumah tangga layak, bobot 11417, batas 10–200 slot, kuota 1217/4 (≈ 304,25),
 * 304 slot". Works on `allocateKecamatan`'s split, which anyone can recompute from a published
 * result's eligible counts.
 */
export function explainKecamatan(split: KecamatanSplit, code: string, language: Language = 'id'): string {
  const quota = split.kecamatan.find((entry) => entry.code === code);
  if (!quota) throw new RangeError(`${code} has no eligible household in this allocation`);
  if (split.method === 'everyone') {
    return language === 'id'
      ? `${code}: dana cukup untuk semua (${split.slots} slot untuk ${split.eligible} rumah tangga layak), ` +
          `jadi ${quota.eligible} rumah tangga layak mendapat ${quota.slots} slot`
      : `${code}: the money suffices for everyone (${split.slots} slots for ${split.eligible} eligible households), ` +
          `so its ${quota.eligible} eligible households get ${quota.slots} slots`;
  }
  const approximate = approximately(quota.quota, language);
  return language === 'id'
    ? `${code}: ${quota.eligible} rumah tangga layak, bobot ${quota.weight}, batas ${quota.lower}–${quota.upper} ` +
        `slot, kuota ${quota.quota} (≈ ${approximate}), ${quota.slots} slot`
    : `${code}: ${quota.eligible} eligible households, weight ${quota.weight}, bounds ${quota.lower}–${quota.upper} ` +
        `slots, quota ${quota.quota} (≈ ${approximate}), ${quota.slots} slots`;
}

/** A `p/q` fraction to two decimals, rounded down, with the language's decimal separator. */
function approximately(fraction: string, language: Language): string {
  const [numerator = '0', denominator = '1'] = fraction.split('/');
  const hundredths = (BigInt(numerator) * 100n) / BigInt(denominator);
  return `${hundredths / 100n}${language === 'id' ? ',' : '.'}${String(hundredths % 100n).padStart(2, '0')}`;
}
