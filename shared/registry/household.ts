/**
 * One household (one KK) as the registry holds it. The first four fields are personal data
 * (UU PDP 27/2022): they are encrypted at rest and never leave the private API.
 */
export interface HouseholdRecord {
  readonly nik: string;
  readonly noKk: string;
  readonly nama: string;
  readonly alamat: string;
  readonly kodeKelurahan: string;
  readonly kodeKecamatan: string;
  readonly desil: number;
  readonly jumlahAnggota: number;
  /** Date of the last verification (verivali), `YYYY-MM-DD`. */
  readonly tanggalVerifikasi: string;
  readonly disabilitas: boolean;
  readonly lansia: boolean;
  readonly perempuanKepala: boolean;
  readonly mustahik: boolean;
  readonly status: HouseholdStatus;
}

export type HouseholdStatus = 'aktif' | 'graduasi';

/**
 * What the allocation engine sees of a household: no NIK, KK, name or address, only the keyed
 * pseudonym and the fields the rules use.
 */
export interface EligibilityProfile {
  /** HMAC-SHA256 of the NIK under the registry key, hex, first 16 bytes (32 hex characters). */
  readonly pseudonym: string;
  readonly kecamatan: string;
  readonly desil: number;
  readonly jumlahAnggota: number;
  /** `YYYY-MM-DD` */
  readonly verifiedOn: string;
  readonly disabilitas: boolean;
  readonly lansia: boolean;
  readonly perempuanKepala: boolean;
  readonly mustahik: boolean;
  readonly status: HouseholdStatus;
}
