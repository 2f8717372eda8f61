import { describe, expect, it } from 'vitest';

import { suppressionThreshold } from '../../../shared/domain/public-report.ts';
import type { OrganisationStats } from '../../../shared/domain/store.ts';
import { organisationOutcome, organisationOutcomes, roundedShare } from '../../../shared/public/outcomes.ts';

const stats: OrganisationStats = {
  disbursed: 6_000_000,
  programme: 3_000_000,
  ceremonial: 1_000_000,
  reachedHouseholds: 7,
};

function reachedIn(kecamatan: string, count: number, amount = 1_000_000) {
  return Array.from({ length: count }, () => ({ kecamatan, amount }));
}

describe('organisationOutcome', () => {
  it('passes the stats counters through', () => {
    const outcome = organisationOutcome({ stats, reached: [] }, suppressionThreshold);

    expect(outcome).toMatchObject({
      reachedHouseholds: 7,
      disbursed: 6_000_000,
      programme: 3_000_000,
      ceremonial: 1_000_000,
    });
  });

  it('gives the ceremonial share of everything spent', () => {
    const outcome = organisationOutcome({ stats, reached: [] }, suppressionThreshold);

    expect(outcome.ceremonialShare).toBe(0.1);
  });

  it('rounds the ceremonial share to 4 decimals', () => {
    const outcome = organisationOutcome(
      { stats: { ...stats, disbursed: 2_000_000, programme: 0, ceremonial: 1_000_000 }, reached: [] },
      suppressionThreshold,
    );

    expect(outcome.ceremonialShare).toBe(0.3333);
  });

  it('gives a share of 0 when nothing was spent', () => {
    const outcome = organisationOutcome(
      { stats: { disbursed: 0, programme: 0, ceremonial: 0, reachedHouseholds: 0 }, reached: [] },
      suppressionThreshold,
    );

    expect(outcome.ceremonialShare).toBe(0);
  });

  it('counts households and sums money per kecamatan, sorted by code', () => {
    const reached = [...reachedIn('63.71.02', 5, 500_000), ...reachedIn('63.71.01', 6)];

    const outcome = organisationOutcome({ stats, reached }, suppressionThreshold);

    expect(outcome.reachedKecamatan).toEqual([
      { code: '63.71.01', households: 6, amount: 6_000_000 },
      { code: '63.71.02', households: 5, amount: 2_500_000 },
    ]);
  });

  it('withholds a household count below 5 but still shows the money', () => {
    const outcome = organisationOutcome({ stats, reached: reachedIn('63.71.03', 4) }, suppressionThreshold);

    expect(outcome.reachedKecamatan).toEqual([{ code: '63.71.03', households: null, amount: 4_000_000 }]);
  });

  it('leaves out households whose money was all returned', () => {
    const reached = [
      ...reachedIn('63.71.01', 5),
      { kecamatan: '63.71.01', amount: 0 },
      { kecamatan: '63.71.04', amount: 0 },
    ];

    const outcome = organisationOutcome({ stats, reached }, suppressionThreshold);

    expect(outcome.reachedKecamatan).toEqual([{ code: '63.71.01', households: 5, amount: 5_000_000 }]);
  });
});

describe('organisationOutcomes', () => {
  it('keys the outcomes by organisation id', () => {
    const outcomes = organisationOutcomes(
      [
        { orgId: 'org_a', stats, reached: [] },
        { orgId: 'org_b', stats: { ...stats, ceremonial: 0 }, reached: [] },
      ],
      suppressionThreshold,
    );

    expect([...outcomes.keys()]).toEqual(['org_a', 'org_b']);
    expect(outcomes.get('org_b')?.ceremonialShare).toBe(0);
  });
});

describe('roundedShare', () => {
  it('rounds half up at the fourth decimal', () => {
    expect(roundedShare(12_345, 100_000)).toBe(0.1235);
  });
});
