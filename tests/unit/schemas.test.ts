import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';

import { toIssues } from '../../shared/api/issues.ts';
import {
  createOrganisationBody,
  createPledgeBody,
  declareContributionBody,
  emptyBody,
} from '../../shared/api/schemas.ts';

const declaration = {
  orgId: 'org_01JABCDEF',
  fund: 'CSR',
  amount: 1_500_000,
  transferRef: 'BRI-2026-0001',
  transferredAt: '2026-11-20T10:15:00+08:00',
};

const pledge = { orgId: 'org_01JABCDEF', amount: 2_000_000_000, fiscalYear: 2027 };

/** The `{ path, message }` issues the API would answer with. */
function issuesOf(schema: z.ZodMiniType, input: unknown) {
  const result = z.safeParse(schema, input);
  return result.success ? [] : toIssues(result.error.issues);
}

function pathsOf(schema: z.ZodMiniType, input: unknown): string[] {
  return issuesOf(schema, input).map((issue) => issue.path);
}

describe('declareContributionBody', () => {
  it('accepts a complete declaration', () => {
    // Act
    const result = z.safeParse(declareContributionBody, declaration);
    // Assess
    expect(result.success).toBe(true);
  });

  it('accepts the largest allowed amount, 10^15 rupiah', () => {
    expect(z.safeParse(declareContributionBody, { ...declaration, amount: 10 ** 15 }).success).toBe(true);
  });

  it.each([
    ['zero', 0],
    ['negative', -5],
    ['fractional', 1.5],
    ['a numeric string', '1000000'],
    ['a formatted rupiah string', 'Rp 1.000.000'],
    ['above 10^15', 1e15 + 1],
    ['2^53', 2 ** 53],
    ['null', null],
  ])('rejects a %s amount, naming the field amount', (_label, amount) => {
    // Act
    const paths = pathsOf(declareContributionBody, { ...declaration, amount });
    // Assess
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths)).toEqual(new Set(['amount']));
  });

  it('explains that an amount must be a JSON number, not text', () => {
    const [issue] = issuesOf(declareContributionBody, { ...declaration, amount: 'Rp 1.000.000' });

    expect(issue?.message).toMatch(/JSON number/u);
  });

  it('explains the upper bound for an amount above 10^15', () => {
    const [issue] = issuesOf(declareContributionBody, { ...declaration, amount: 1e15 + 1 });

    expect(issue?.message).toMatch(/10\^15/u);
  });

  it('names every unknown field', () => {
    // Act
    const issues = issuesOf(declareContributionBody, { ...declaration, status: 'confirmed', entryId: 'x' });
    // Assess
    expect(issues).toEqual([
      { path: 'status', message: 'is not a known field' },
      { path: 'entryId', message: 'is not a known field' },
    ]);
  });

  it('reports unknown fields through zod as unrecognised keys', () => {
    const result = z.safeParse(declareContributionBody, { ...declaration, confirmed: true });

    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['confirmed'] })]);
  });

  it.each(['WAKAF', 'csr', ''])('rejects the unknown fund %o', (fund) => {
    expect(pathsOf(declareContributionBody, { ...declaration, fund })).toEqual(['fund']);
  });

  it.each([
    ['an impossible date', '2026-02-30'],
    ['a date-time without offset', '2026-11-20T10:15:00'],
    ['garbage', 'kemarin'],
    ['a number', 1763900000000],
  ])('rejects transferredAt given as %s', (_label, transferredAt) => {
    expect(pathsOf(declareContributionBody, { ...declaration, transferredAt })).toEqual(['transferredAt']);
  });

  it.each([
    ['too short', 'AB'],
    ['too long', 'X'.repeat(65)],
    ['non-ASCII', 'TRF–001'],
    ['a number', 12345],
  ])('rejects a transferRef that is %s', (_label, transferRef) => {
    expect(pathsOf(declareContributionBody, { ...declaration, transferRef })).toEqual(['transferRef']);
  });

  it.each([
    ['empty', ''],
    ['with a slash', 'org/1'],
    ['longer than 64 characters', 'o'.repeat(65)],
  ])('rejects an orgId that is %s', (_label, orgId) => {
    expect(new Set(pathsOf(declareContributionBody, { ...declaration, orgId }))).toEqual(new Set(['orgId']));
  });

  it('names each missing required field', () => {
    const paths = pathsOf(declareContributionBody, {});

    expect(paths.sort()).toEqual(['amount', 'fund', 'orgId', 'transferRef', 'transferredAt']);
  });

  it('rejects a body that is not an object', () => {
    expect(pathsOf(declareContributionBody, [declaration])).toEqual(['(body)']);
  });
});

describe('createPledgeBody', () => {
  it('accepts a pledge without earmark', () => {
    expect(z.safeParse(createPledgeBody, pledge).success).toBe(true);
  });

  it.each([
    ['kecamatan only', { kecamatan: ['63.71.01'] }],
    ['category only', { category: 'education' }],
    ['both', { kecamatan: ['63.71.01', '63.71.03'], category: 'clean_water' }],
  ])('accepts an earmark restricting %s', (_label, earmark) => {
    expect(z.safeParse(createPledgeBody, { ...pledge, earmark }).success).toBe(true);
  });

  it('rejects an earmark that restricts neither kecamatan nor category', () => {
    // Act
    const issues = issuesOf(createPledgeBody, { ...pledge, earmark: {} });
    // Assess
    expect(issues).toEqual([{ path: 'earmark', message: 'must restrict kecamatan, category or both' }]);
  });

  it('rejects an empty kecamatan list', () => {
    expect(pathsOf(createPledgeBody, { ...pledge, earmark: { kecamatan: [] } })).toContain('earmark.kecamatan');
  });

  it('names the malformed kecamatan code by its position', () => {
    expect(pathsOf(createPledgeBody, { ...pledge, earmark: { kecamatan: ['63.71.01', 'Banjarmasin Utara'] } })).toEqual(
      ['earmark.kecamatan.1'],
    );
  });

  it('rejects an unknown earmark category', () => {
    expect(pathsOf(createPledgeBody, { ...pledge, earmark: { category: 'fireworks' } })).toEqual(['earmark.category']);
  });

  it('names an unknown field inside the earmark', () => {
    expect(pathsOf(createPledgeBody, { ...pledge, earmark: { category: 'health', village: 'Kelayan' } })).toEqual([
      'earmark.village',
    ]);
  });

  it.each([
    ['before 2000', 1999],
    ['after 2100', 2101],
    ['fractional', 2027.5],
    ['a string', '2027'],
  ])('rejects a fiscalYear %s', (_label, fiscalYear) => {
    expect(pathsOf(createPledgeBody, { ...pledge, fiscalYear })).toEqual(['fiscalYear']);
  });

  it.each([0, -5, 1.5, '1000000', 'Rp 1.000.000', 1e15 + 1, 2 ** 53])('rejects the amount %o', (amount) => {
    expect(new Set(pathsOf(createPledgeBody, { ...pledge, amount }))).toEqual(new Set(['amount']));
  });
});

describe('createOrganisationBody', () => {
  it('accepts a name and kind', () => {
    expect(z.safeParse(createOrganisationBody, { name: 'PT Sungai Barito Energi', kind: 'company' }).success).toBe(
      true,
    );
  });

  it('trims the name', () => {
    const result = z.safeParse(createOrganisationBody, { name: '  BAZNAS Kota Banjarmasin ', kind: 'baznas' });

    expect(result.data?.name).toBe('BAZNAS Kota Banjarmasin');
  });

  it.each(['01.234.567.8-901.000', '012345678901000', '0123456789012345'])('accepts the NPWP %s', (npwp) => {
    expect(z.safeParse(createOrganisationBody, { name: 'PT X', kind: 'company', npwp }).success).toBe(true);
  });

  it.each([
    ['a missing name', { kind: 'company' }, 'name'],
    ['a name of blanks', { name: '   ', kind: 'company' }, 'name'],
    ['an unknown kind', { name: 'PT X', kind: 'yayasan' }, 'kind'],
    ['an NPWP with too few digits', { name: 'PT X', kind: 'company', npwp: '12.345' }, 'npwp'],
    ['an NPWP with letters', { name: 'PT X', kind: 'company', npwp: '01.234.567.8-901.ABC' }, 'npwp'],
    ['an unknown field', { name: 'PT X', kind: 'company', pledged: 5 }, 'pledged'],
  ])('rejects %s, naming the field', (_label, body, path) => {
    expect(pathsOf(createOrganisationBody, body)).toEqual([path]);
  });
});

describe('emptyBody', () => {
  it('accepts {}', () => {
    expect(z.safeParse(emptyBody, {}).success).toBe(true);
  });

  it('names any field sent to a route that takes none', () => {
    expect(pathsOf(emptyBody, { force: true })).toEqual(['force']);
  });
});
