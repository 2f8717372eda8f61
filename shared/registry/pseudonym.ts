import { createHmac } from 'node:crypto';

import type { EligibilityProfile, HouseholdRecord } from './household.ts';

/** The public, stable name of a household: HMAC-SHA256(registry key, NIK), first 16 bytes, hex. */
export function pseudonymOf(nik: string, key: Uint8Array): string {
  return createHmac('sha256', key).update(nik, 'utf8').digest().subarray(0, 16).toString('hex');
}

export function parsePseudonymKey(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2}){16,}$/u.test(hex)) {
    throw new Error('the pseudonym key must be at least 16 bytes written as hex');
  }
  return Buffer.from(hex, 'hex');
}

export function toEligibilityProfile(household: HouseholdRecord, key: Uint8Array): EligibilityProfile {
  return {
    pseudonym: pseudonymOf(household.nik, key),
    kecamatan: household.kodeKecamatan,
    desil: household.desil,
    jumlahAnggota: household.jumlahAnggota,
    verifiedOn: household.tanggalVerifikasi,
    disabilitas: household.disabilitas,
    lansia: household.lansia,
    perempuanKepala: household.perempuanKepala,
    mustahik: household.mustahik,
    status: household.status,
  };
}
