import { describe, expect, it } from 'vitest';

import { funds, isFund } from '../../shared/domain/funds.ts';
import { fundsAllowedFor, mayContribute } from '../../shared/domain/organisations.ts';

describe('which funds an organisation may contribute to', () => {
  it.each([
    ['company', 'CSR', true],
    ['company', 'ZAKAT', false],
    ['company', 'INFAK', false],
    ['baznas', 'ZAKAT', true],
    ['baznas', 'INFAK', true],
    ['baznas', 'CSR', false],
  ] as const)('a %s contributing to %s: %s', (kind, fund, allowed) => {
    // Act
    const result = mayContribute(kind, fund);
    // Assess
    expect(result).toBe(allowed);
  });

  it('lets a company pay CSR only', () => {
    expect(fundsAllowedFor('company')).toEqual(['CSR']);
  });

  it('lets BAZNAS pay zakat and infak only', () => {
    expect(fundsAllowedFor('baznas')).toEqual(['ZAKAT', 'INFAK']);
  });

  it('lets nobody but BAZNAS pay zakat', () => {
    const zakatPayers = (['company', 'baznas'] as const).filter((kind) => mayContribute(kind, 'ZAKAT'));

    expect(zakatPayers).toEqual(['baznas']);
  });
});

describe('isFund', () => {
  it.each(funds)('recognises %s', (fund) => {
    expect(isFund(fund)).toBe(true);
  });

  it.each(['csr', 'WAKAF', '', 1, null, undefined])('refuses %o', (value) => {
    expect(isFund(value)).toBe(false);
  });
});
