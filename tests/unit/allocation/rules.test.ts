import { describe, expect, it } from 'vitest';

import { parseAllocationRules } from '../../../shared/allocation/rules.ts';
import { rules, thrown } from './fixtures.ts';

/** The paths named when parsing `input` fails. */
function pathsOf(input: unknown): string[] {
  return (thrown(() => parseAllocationRules(input)).issues ?? []).map((issue) => issue.path);
}

function withField(path: string, value: unknown): Record<string, unknown> {
  const input = structuredClone(rules()) as unknown as Record<string, unknown>;
  const parts = path.split('.');
  let target = input;
  for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>;
  target[parts.at(-1) as string] = value;
  return input;
}

describe('parseAllocationRules', () => {
  it('accepts complete rules and returns them unchanged', () => {
    // Prepare
    const input = rules({
      kecamatan: {
        weighting: 'custom',
        weights: { '63.71.01': 0.1 },
        floorShare: 0.05,
        capShare: 0.5,
        exclude: ['63.71.05'],
      },
    });
    // Act
    const parsed = parseAllocationRules(input);
    // Assess
    expect(parsed).toEqual(input);
  });

  it('reports invalid rules as invalid_rules', () => {
    expect(thrown(() => parseAllocationRules({})).code).toBe('invalid_rules');
  });

  it.each([
    ['fund', 'SEDEKAH'],
    ['amount', 0],
    ['amount', 1.5],
    ['amount', '1000000'],
    ['amount', 1e15 + 1],
    ['benefitPerHousehold', -300_000],
    ['asOf', '2026-02-30'],
    ['asOf', '31/03/2026'],
    ['asOf', '1899-12-31'],
    ['eligibility.maxDesil', 0],
    ['eligibility.maxDesil', 11],
    ['eligibility.maxDesil', 2.5],
    ['eligibility.verifiedWithinMonths', -1],
    ['eligibility.verifiedWithinMonths', 1201],
    ['eligibility.requireMustahik', 'ya'],
    ['eligibility.excludeGraduated', 1],
    ['kecamatan.weighting', 'population'],
    ['kecamatan.floorShare', 1.01],
    ['kecamatan.floorShare', -0.1],
    ['kecamatan.capShare', '0.5'],
    ['kecamatan.exclude', '63.71.01'],
  ])('names %s when it is %j', (path, value) => {
    // Act
    const paths = pathsOf(withField(path, value));
    // Assess
    expect(paths).toEqual([path]);
  });

  it('names the exact entry of an exclude list that is not a kecamatan code', () => {
    expect(pathsOf(rules({ kecamatan: { exclude: ['63.71.01', '6371'] } }))).toEqual(['kecamatan.exclude.1']);
  });

  it('names a custom weight that is negative', () => {
    // Prepare
    const input = rules({ kecamatan: { weighting: 'custom', weights: { '63.71.01': 1, '63.71.02': -2 } } });
    // Act
    const paths = pathsOf(input);
    // Assess
    expect(paths).toEqual(['kecamatan.weights.63.71.02']);
  });

  it('names a custom weight whose key is not a kecamatan code', () => {
    expect(pathsOf(rules({ kecamatan: { weighting: 'custom', weights: { Selatan: 1 } } }))).toEqual([
      'kecamatan.weights.Selatan',
    ]);
  });

  it('requires weights when weighting is custom', () => {
    // Act
    const issues = thrown(() => parseAllocationRules(rules({ kecamatan: { weighting: 'custom' } }))).issues;
    // Assess
    expect(issues).toEqual([{ path: 'kecamatan.weights', message: 'is required when weighting is custom' }]);
  });

  it('refuses weights when weighting is not custom', () => {
    expect(pathsOf(rules({ kecamatan: { weighting: 'official', weights: { '63.71.01': 1 } } }))).toEqual([
      'kecamatan.weights',
    ]);
  });

  it('names every unknown field, however deep', () => {
    // Prepare
    const input = { ...rules(), note: 'x', eligibility: { ...rules().eligibility, maxdesil: 3 } };
    // Act
    const issues = thrown(() => parseAllocationRules(input)).issues;
    // Assess
    expect(issues).toContainEqual({ path: 'note', message: 'is not a known field' });
    expect(issues).toContainEqual({ path: 'eligibility.maxdesil', message: 'is not a known field' });
  });

  it('names every missing field', () => {
    // Act
    const paths = pathsOf({ fund: 'CSR', eligibility: {}, kecamatan: {} });
    // Assess
    expect(paths).toEqual(
      expect.arrayContaining([
        'amount',
        'benefitPerHousehold',
        'asOf',
        'eligibility.maxDesil',
        'eligibility.verifiedWithinMonths',
        'eligibility.requireMustahik',
        'eligibility.excludeGraduated',
        'kecamatan.weighting',
      ]),
    );
  });

  it('explains that a share is a fraction of the slots', () => {
    const [issue] = thrown(() => parseAllocationRules(withField('kecamatan.capShare', 40))).issues ?? [];

    expect(issue?.message).toMatch(/from 0 to 1/u);
  });
});
