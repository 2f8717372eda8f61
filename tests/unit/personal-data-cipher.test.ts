import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { openPersonalData, sealPersonalData } from '../../shared/registry/personal-data-cipher.ts';

const household = {
  nik: '6371014101900001',
  noKk: '6371010101900001',
  nama: 'Siti Aminah',
  alamat: 'Jl. Kelayan B No. 7',
};

describe('personal data cipher', () => {
  it('returns the personal data it sealed', () => {
    const key = randomBytes(32);

    const sealed = sealPersonalData(household, key, 'a'.repeat(32));

    expect(openPersonalData(sealed, key, 'a'.repeat(32))).toEqual(household);
  });

  it('keeps no personal field readable in the sealed form', () => {
    const sealed = sealPersonalData(household, randomBytes(32), 'a'.repeat(32));

    const stored = JSON.stringify(sealed);

    for (const value of Object.values(household)) expect(stored).not.toContain(value);
  });

  it('refuses to open a ciphertext moved onto another household', () => {
    const key = randomBytes(32);
    const sealed = sealPersonalData(household, key, 'a'.repeat(32));

    expect(() => openPersonalData(sealed, key, 'b'.repeat(32))).toThrow();
  });

  it('refuses to open with another data key', () => {
    const sealed = sealPersonalData(household, randomBytes(32), 'a'.repeat(32));

    expect(() => openPersonalData(sealed, randomBytes(32), 'a'.repeat(32))).toThrow();
  });

  it('uses a fresh nonce for every seal', () => {
    const key = randomBytes(32);

    const first = sealPersonalData(household, key, 'a'.repeat(32));
    const second = sealPersonalData(household, key, 'a'.repeat(32));

    expect(first.iv).not.toEqual(second.iv);
    expect(first.ciphertext).not.toEqual(second.ciphertext);
  });
});
