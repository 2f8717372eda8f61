import { describe, expect, it } from 'vitest';

import { allocate } from '../../../shared/allocation/allocate.ts';
import { monthsBefore } from '../../../shared/domain/calendar.ts';
import type { EligibilityProfile } from '../../../shared/registry/household.ts';
import {
  eligibleByRules,
  explainSkipped,
  HouseholdConstraints,
  type HouseholdFacts,
} from '../../../shared/proposals/household-constraints.ts';
import { household, pseudonym, rules } from '../allocation/fixtures.ts';

const noFacts: HouseholdFacts = { graduated: new Set(), received: new Map(), householdAnnualCap: null };

function admitted(constraints: HouseholdConstraints, profiles: readonly EligibilityProfile[]): string[] {
  return profiles.filter((profile) => constraints.admits(profile)).map((profile) => profile.pseudonym);
}

describe('eligibleByRules', () => {
  it("agrees with the engine's own eligibility on every mix of fields", () => {
    // Prepare: every combination of status, mustahik, desil, verification and kecamatan
    const profiles: EligibilityProfile[] = [];
    let n = 0;
    for (const status of ['aktif', 'graduasi'] as const)
      for (const mustahik of [true, false])
        for (const desil of [1, 4, 5])
          for (const verifiedOn of ['2025-03-30', '2025-03-31', '2026-01-01'])
            for (const kecamatan of ['63.71.01', '63.71.02', '63.71.03']) {
              n += 1;
              profiles.push(household({ pseudonym: pseudonym(n), status, mustahik, desil, verifiedOn, kecamatan }));
            }
    const cases = [
      rules({ eligibility: { maxDesil: 4 }, kecamatan: { exclude: ['63.71.03'] } }),
      rules({ fund: 'ZAKAT', eligibility: { maxDesil: 4, excludeGraduated: false } }),
      rules({ eligibility: { requireMustahik: true, verifiedWithinMonths: 0 } }),
    ];
    for (const caseRules of cases) {
      const since = monthsBefore(caseRules.asOf, caseRules.eligibility.verifiedWithinMonths);
      // Act
      const ours = new Map<string, number>();
      for (const profile of profiles) {
        if (eligibleByRules(profile, caseRules, since))
          ours.set(profile.kecamatan, (ours.get(profile.kecamatan) ?? 0) + 1);
      }
      const engine = allocate({ ...caseRules, amount: 100_000_000 }, profiles, {});
      // Assess
      expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(engine.kecamatan.map((k) => [k.code, k.eligible])));
    }
  });
});

describe('HouseholdConstraints', () => {
  it('keeps graduated households from the engine, whatever excludeGraduated says', () => {
    // Prepare
    const constraints = new HouseholdConstraints(rules({ eligibility: { excludeGraduated: false } }), {
      ...noFacts,
      graduated: new Set([pseudonym(1)]),
    });
    // Act
    const kept = admitted(constraints, [
      household({ pseudonym: pseudonym(1) }),
      household({ pseudonym: pseudonym(2) }),
    ]);
    // Assess
    expect(kept).toEqual([pseudonym(2)]);
    expect(constraints.skipped()).toEqual([{ kecamatan: '63.71.01', reason: 'graduated', households: 1 }]);
  });

  it('skips a household only when its year total plus the benefit would pass the cap', () => {
    // Prepare: benefit 100 000, cap 500 000
    const constraints = new HouseholdConstraints(rules(), {
      ...noFacts,
      householdAnnualCap: 500_000,
      received: new Map([
        [pseudonym(1), 400_000],
        [pseudonym(2), 400_001],
      ]),
    });
    // Act
    const kept = admitted(
      constraints,
      [1, 2, 3].map((n) => household({ pseudonym: pseudonym(n) })),
    );
    // Assess
    expect(kept).toEqual([pseudonym(1), pseudonym(3)]);
    expect(constraints.skipped()).toEqual([{ kecamatan: '63.71.01', reason: 'household_cap', households: 1 }]);
  });

  it('ignores what households received when no cap is set', () => {
    // Prepare
    const constraints = new HouseholdConstraints(rules(), {
      ...noFacts,
      received: new Map([[pseudonym(1), 10 ** 12]]),
    });
    // Act + Assess
    expect(admitted(constraints, [household()])).toEqual([pseudonym(1)]);
  });

  it('admits to a later tranche only households with approved, met targets', () => {
    // Prepare
    const constraints = new HouseholdConstraints(rules(), { ...noFacts, targetsMet: new Set([pseudonym(2)]) });
    // Act
    const kept = admitted(
      constraints,
      [1, 2, 3].map((n) => household({ pseudonym: pseudonym(n) })),
    );
    // Assess
    expect(kept).toEqual([pseudonym(2)]);
    expect(constraints.qualifiedByTargets).toBe(1);
    expect(constraints.skipped()).toEqual([{ kecamatan: '63.71.01', reason: 'targets_not_met', households: 2 }]);
  });

  it('gives one reason per household: graduation first, then the cap, then targets', () => {
    // Prepare
    const constraints = new HouseholdConstraints(rules(), {
      graduated: new Set([pseudonym(1)]),
      received: new Map([
        [pseudonym(1), 1_000_000],
        [pseudonym(2), 1_000_000],
      ]),
      householdAnnualCap: 500_000,
      targetsMet: new Set(),
    });
    // Act
    admitted(
      constraints,
      [1, 2, 3].map((n) => household({ pseudonym: pseudonym(n) })),
    );
    // Assess
    expect(constraints.skipped()).toEqual([
      { kecamatan: '63.71.01', reason: 'graduated', households: 1 },
      { kecamatan: '63.71.01', reason: 'household_cap', households: 1 },
      { kecamatan: '63.71.01', reason: 'targets_not_met', households: 1 },
    ]);
  });

  it('does not count households the rules refused anyway, nor let them qualify a tranche', () => {
    // Prepare: desil 9 is above maxDesil 4
    const constraints = new HouseholdConstraints(rules({ eligibility: { maxDesil: 4 } }), {
      ...noFacts,
      graduated: new Set([pseudonym(1)]),
      targetsMet: new Set([pseudonym(2)]),
    });
    // Act
    const kept = admitted(constraints, [
      household({ pseudonym: pseudonym(1), desil: 9 }),
      household({ pseudonym: pseudonym(2), desil: 9 }),
    ]);
    // Assess
    expect(kept).toEqual([pseudonym(2)]);
    expect(constraints.qualifiedByTargets).toBe(0);
    expect(constraints.skipped()).toEqual([]);
  });

  it('lists the skipped households by kecamatan code', () => {
    // Prepare
    const constraints = new HouseholdConstraints(rules(), {
      ...noFacts,
      graduated: new Set([pseudonym(1), pseudonym(2), pseudonym(3)]),
    });
    // Act
    admitted(constraints, [
      household({ pseudonym: pseudonym(1), kecamatan: '63.71.05' }),
      household({ pseudonym: pseudonym(2), kecamatan: '63.71.02' }),
      household({ pseudonym: pseudonym(3), kecamatan: '63.71.05' }),
    ]);
    // Assess
    expect(constraints.skipped()).toEqual([
      { kecamatan: '63.71.02', reason: 'graduated', households: 1 },
      { kecamatan: '63.71.05', reason: 'graduated', households: 2 },
    ]);
  });
});

describe('explainSkipped', () => {
  const skipped = [
    { kecamatan: '63.71.01', reason: 'graduated', households: 2 },
    { kecamatan: '63.71.01', reason: 'household_cap', households: 1 },
    { kecamatan: '63.71.02', reason: 'targets_not_met', households: 3 },
  ] as const;

  it('says in Bahasa Indonesia who was left out in a kecamatan, and why', () => {
    // Act
    const text = explainSkipped(skipped, '63.71.01', { fiscalYear: 2026, householdAnnualCap: 5_000_000 });
    // Assess
    expect(text).toBe(
      '3 rumah tangga layak tidak diikutkan: 2 sudah graduasi, ' +
        '1 akan melampaui batas bantuan per rumah tangga tahun 2026 (Rp 5.000.000)',
    );
  });

  it('names the stage whose targets were not met, in English when asked', () => {
    // Act
    const text = explainSkipped(skipped, '63.71.02', { fiscalYear: 2026, stage: 1 }, 'en');
    // Assess
    expect(text).toBe('3 eligible households left out: 3 without approved, met stage 1 targets');
  });

  it('says nothing for a kecamatan where nobody was left out', () => {
    // Act + Assess
    expect(explainSkipped(skipped, '63.71.03', { fiscalYear: 2026 })).toBe('');
  });
});
