import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The personal fields of a household: encrypted at rest, never in a public response. */
export interface PersonalData {
  readonly nik: string;
  readonly noKk: string;
  readonly nama: string;
  readonly alamat: string;
}

/** AES-256-GCM ciphertext of one household's personal data, all parts base64. */
export interface SealedPersonalData {
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}

/**
 * The household's pseudonym is bound in as additional authenticated data, so a ciphertext moved
 * onto another household's record fails to decrypt instead of silently naming the wrong family.
 */
export function sealPersonalData(data: PersonalData, dataKey: Uint8Array, pseudonym: string): SealedPersonalData {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(pseudonym, 'utf8'));
  const plaintext = Buffer.from(JSON.stringify([data.nik, data.noKk, data.nama, data.alamat]), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

export function openPersonalData(sealed: SealedPersonalData, dataKey: Uint8Array, pseudonym: string): PersonalData {
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(pseudonym, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plaintext = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  const [nik, noKk, nama, alamat] = JSON.parse(plaintext.toString('utf8')) as [string, string, string, string];
  return { nik, noKk, nama, alamat };
}
