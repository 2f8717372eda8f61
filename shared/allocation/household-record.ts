/** The fixed 48-byte layout of one household in a HouseholdTable. */

import './little-endian.ts';

/** Bits of a household's flags: the three vulnerability flags first, so `flags & 7` counts them. */
export const householdFlag = {
  disabilitas: 1,
  lansia: 2,
  perempuanKepala: 4,
  mustahik: 8,
  graduasi: 16,
} as const;

/** Number of vulnerability flags (disabilitas, lansia, perempuan kepala) for `flags & 7`. */
export const vulnerabilityCount = [0, 1, 1, 2, 1, 2, 2, 3] as const;

/** The largest jumlahAnggota a household may have (the registry itself stops at 99). */
export const maxJumlahAnggota = 255;

/**
 * One household is 12 32-bit words (48 bytes): the pseudonym's 32 ASCII bytes, then the
 * kecamatan (an index into `kecamatanCodes`), the verification date (an index into `dates`),
 * desil | flags << 8 | jumlahAnggota << 16, and the position it was added at (to name it in errors
 * after the table is sorted).
 */
export const recordWords = 12;
export const recordField = { kecamatan: 8, verifiedOn: 9, packed: 10, added: 11 } as const;

export const desilOf = (packed: number) => packed & 0xff;
export const flagsOf = (packed: number) => (packed >>> 8) & 0xff;
export const jumlahAnggotaOf = (packed: number) => packed >>> 16;
