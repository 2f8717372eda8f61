import type { EligibilityProfile } from './household.ts';

/** Aid programmes usually reach desil 1–4 of DTSEN; the public count uses that common cut. */
export const potentialBeneficiaryMaxDesil = 4;

export function isPotentialBeneficiary(profile: EligibilityProfile): boolean {
  return profile.status === 'aktif' && profile.desil <= potentialBeneficiaryMaxDesil;
}

/** Counts the whole registry: households held, and potential beneficiaries per kecamatan. */
export async function countRegistry(
  profiles: AsyncIterable<EligibilityProfile>,
): Promise<{ households: number; eligibleByKecamatan: Record<string, number> }> {
  let households = 0;
  const eligibleByKecamatan: Record<string, number> = {};
  for await (const profile of profiles) {
    households += 1;
    if (isPotentialBeneficiary(profile)) {
      eligibleByKecamatan[profile.kecamatan] = (eligibleByKecamatan[profile.kecamatan] ?? 0) + 1;
    }
  }
  return { households, eligibleByKecamatan };
}
