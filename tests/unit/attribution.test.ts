import { describe, expect, it } from 'vitest';

import { attributeFifo, earmarkAllows, type FundingSource } from '../../shared/domain/attribution.ts';

const older: FundingSource = { contributionId: 'c1', orgId: 'o1', confirmedAt: '2026-01-01T00:00:00Z', remaining: 300 };
const newer: FundingSource = { contributionId: 'c2', orgId: 'o2', confirmedAt: '2026-02-01T00:00:00Z', remaining: 300 };

describe('attributeFifo', () => {
  it('spends the oldest confirmed contribution before a newer one', () => {
    const plan = attributeFifo([newer, older], [{ use: 'u1', amount: 400, kecamatan: '63.71.01' }]);

    expect(plan.attributions).toEqual([
      { use: 'u1', contributionId: 'c1', orgId: 'o1', amount: 300 },
      { use: 'u1', contributionId: 'c2', orgId: 'o2', amount: 100 },
    ]);
  });

  it('reports what no matching contribution can cover', () => {
    const plan = attributeFifo([older], [{ use: 'u1', amount: 500, kecamatan: '63.71.01' }]);

    expect(plan.shortfalls).toEqual([{ use: 'u1', missing: 200 }]);
  });

  it('skips money earmarked for a category the use does not spend on', () => {
    const education: FundingSource = { ...older, earmark: { category: 'education' } };

    const plan = attributeFifo(
      [education, newer],
      [{ use: 'u1', amount: 100, kecamatan: '63.71.01', category: 'health' }],
    );

    expect(plan.attributions.map((a) => a.contributionId)).toEqual(['c2']);
  });

  it('adds nothing to an amount: the attributions of each use sum to it', () => {
    const uses = [
      { use: 'a', amount: 250, kecamatan: '63.71.01' },
      { use: 'b', amount: 250, kecamatan: '63.71.02' },
    ];

    const plan = attributeFifo([older, newer], uses);

    for (const use of uses) {
      expect(plan.attributions.filter((a) => a.use === use.use).reduce((sum, a) => sum + a.amount, 0)).toBe(use.amount);
    }
  });
});

describe('earmarkAllows', () => {
  it('lets a kecamatan earmark fund only uses in that kecamatan', () => {
    expect(earmarkAllows({ kecamatan: ['63.71.01'] }, { use: 'x', amount: 1, kecamatan: '63.71.01' })).toBe(true);
    expect(earmarkAllows({ kecamatan: ['63.71.01'] }, { use: 'x', amount: 1, kecamatan: '63.71.02' })).toBe(false);
  });

  it('never lets a kecamatan earmark fund a city-wide use', () => {
    expect(earmarkAllows({ kecamatan: ['63.71.01'] }, { use: 'x', amount: 1 })).toBe(false);
  });
});
