import type { EligibilityProfile } from '../registry/household.ts';

function vulnerabilityFlags(profile: EligibilityProfile): number {
  return Number(profile.disabilitas) + Number(profile.lansia) + Number(profile.perempuanKepala);
}

/**
 * Why a household holds its line, in the order the engine ranks: "desil 1, 2 flag kerentanan,
 * peringkat 14 dari 312 di 63.71.01". It names no personal data; the desil stays inside the
 * private API (it is not public, UU PDP).
 */
export function explainLine(profile: EligibilityProfile, rank: number, eligibleInKecamatan: number): string {
  return `desil ${profile.desil}, ${vulnerabilityFlags(profile)} flag kerentanan, ${profile.jumlahAnggota} anggota, peringkat ${rank} dari ${eligibleInKecamatan} di ${profile.kecamatan}`;
}
