import { describe, expect, it } from 'vitest';
import { isLang, LANGS, messages } from './i18n';

describe('i18n dictionaries', () => {
  it('has the same keys in Indonesian and English', () => {
    // Prepare
    const idKeys = Object.keys(messages.id).sort();

    // Act
    const enKeys = Object.keys(messages.en).sort();

    // Assess
    expect(enKeys).toEqual(idKeys);
  });

  it('has a non-empty string for every key in every language', () => {
    // Prepare
    const entries = LANGS.flatMap((lang) =>
      Object.entries(messages[lang]).map(([key, value]) => ({ lang, key, value })),
    );

    // Act
    const empty = entries.filter(({ value }) => typeof value !== 'string' || value.trim() === '');

    // Assess
    expect(empty).toEqual([]);
  });

  it('uses the agreed Indonesian wording for the key terms', () => {
    // Prepare
    const t = messages.id;

    // Act
    const terms = [t.pageTitle, t.demoTitle, t.pledged, t.confirmed, t.errorTitle, t.kindCompany, t.colPoorHouseholds];

    // Assess
    expect(terms).toEqual([
      'Laporan Transparansi',
      'Data contoh',
      'Komitmen',
      'Realisasi',
      'Data tidak dapat dimuat',
      'Perusahaan',
      'Rumah tangga miskin (2018)',
    ]);
  });

  it('recognises only supported language codes', () => {
    // Prepare
    const candidates = ['id', 'en', 'EN', 'fr', null, undefined];

    // Act
    const results = candidates.map(isLang);

    // Assess
    expect(results).toEqual([true, true, false, false, false, false]);
  });
});
