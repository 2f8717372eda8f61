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

/** Keyed digest of a nomor KK, for "same KK elsewhere" checks without storing the KK in the clear. */
export function kkDigestOf(noKk: string, key: Uint8Array): string {
  // Domain-separated from NIK pseudonyms, so a KK and a NIK with equal digits never share a digest.
  return createHmac('sha256', key).update(`no_kk:${noKk}`, 'utf8').digest('hex');
}
