import { describe, expect, it } from 'vitest';
import { LANGS } from './i18n';
import { verifyMessages } from './verify-i18n';

describe('/verifikasi dictionaries', () => {
  it('has the same keys in Indonesian and English', () => {
    // Prepare
    const idKeys = Object.keys(verifyMessages.id).sort();

    // Act
    const enKeys = Object.keys(verifyMessages.en).sort();

    // Assess
    expect(enKeys).toEqual(idKeys);
  });

  it('has a non-empty string for every key in every language', () => {
    // Prepare
    const entries = LANGS.flatMap((lang) =>
      Object.entries(verifyMessages[lang]).map(([key, value]) => ({ lang, key, value })),
    );

    // Act
    const empty = entries.filter(({ value }) => typeof value !== 'string' || value.trim() === '');

    // Assess
    expect(empty).toEqual([]);
  });
});
