import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { allocate } from '../../../shared/allocation/allocate.ts';
import { isAllocationError } from '../../../shared/allocation/allocation-errors.ts';
import { monthsBefore } from '../../../shared/domain/calendar.ts';
import { allocateKecamatan } from '../../../shared/allocation/kecamatan-split.ts';
import type { AllocationRules } from '../../../shared/allocation/rules.ts';
import type { EligibilityProfile } from '../../../shared/registry/household.ts';
import { referenceInputsHash, referenceOutputsHash } from './fixtures.ts';

const codes = ['63.71.01', '63.71.02', '63.71.03', '63.71.04', '11.01.01'] as const;
const dates = [
  '2024-12-31',
  '2025-03-31',
  '2025-04-01',
  '2025-09-30',
  '2026-02-27',
  '2026-02-28',
  '2026-03-31',
  '2026-04-15',
];

const profileArbitrary: fc.Arbitrary<EligibilityProfile> = fc.record({
  pseudonym: fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes).toString('hex')),
  kecamatan: fc.constantFrom(...codes),
  desil: fc.integer({ min: 1, max: 10 }),
  jumlahAnggota: fc.integer({ min: 1, max: 12 }),
  verifiedOn: fc.constantFrom(...dates),
  disabilitas: fc.boolean(),
  lansia: fc.boolean(),
  perempuanKepala: fc.boolean(),
  // Mostly eligible, so there are usually more eligible households than slots.
  mustahik: fc.constantFrom(true, true, true, false),
  status: fc.constantFrom('aktif' as const, 'aktif' as const, 'aktif' as const, 'graduasi' as const),
});

// Any length up to 80 with equal chance (fast-check would otherwise favour very short lists).
const householdsArbitrary = fc
  .integer({ min: 1, max: 80 })
  .chain((count) =>
    fc.uniqueArray(profileArbitrary, { minLength: count, maxLength: count, selector: (profile) => profile.pseudonym }),
  );

const weightArbitrary = fc.constantFrom(0, 0.1, 0.25, 1, 2.5, 7, 1e-7);
const shareArbitrary = (values: number[]) => fc.option(fc.constantFrom(...values), { nil: undefined });

const rulesArbitrary: fc.Arbitrary<AllocationRules> = fc
  .record({
    fund: fc.constantFrom('CSR' as const, 'ZAKAT' as const, 'INFAK' as const),
    benefitPerHousehold: fc.integer({ min: 1, max: 500_000 }),
    // Mostly fewer slots than eligible households, so the quota steps are what gets exercised.
    slots: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 80 })),
    extra: fc.nat(),
    maxDesil: fc.integer({ min: 4, max: 10 }),
    verifiedWithinMonths: fc.integer({ min: 1, max: 24 }),
    requireMustahik: fc.boolean(),
    excludeGraduated: fc.boolean(),
    weighting: fc.constantFrom('eligible' as const, 'official' as const, 'custom' as const),
    weights: fc.tuple(...codes.map(() => weightArbitrary)),
    floorShare: shareArbitrary([0, 0.01, 0.05, 0.1]),
    capShare: shareArbitrary([0.2, 0.35, 0.5, 1]),
    exclude: fc.subarray([...codes], { maxLength: 2 }),
  })
  .map((drawn) => ({
    fund: drawn.fund,
    amount: Math.max(1, drawn.slots * drawn.benefitPerHousehold + (drawn.extra % drawn.benefitPerHousehold)),
    benefitPerHousehold: drawn.benefitPerHousehold,
    asOf: '2026-03-31',
    eligibility: {
      maxDesil: drawn.maxDesil,
      verifiedWithinMonths: drawn.verifiedWithinMonths,
      requireMustahik: drawn.requireMustahik,
      excludeGraduated: drawn.excludeGraduated,
    },
    kecamatan: {
      weighting: drawn.weighting,
      ...(drawn.weighting === 'custom'
        ? { weights: Object.fromEntries(codes.map((code, i) => [code, drawn.weights[i] as number])) }
        : {}),
      ...(drawn.floorShare === undefined ? {} : { floorShare: drawn.floorShare }),
      ...(drawn.capShare === undefined ? {} : { capShare: drawn.capShare }),
      ...(drawn.exclude.length > 0 ? { exclude: drawn.exclude } : {}),
    },
  }));

const officialArbitrary = fc
  .tuple(...codes.map(() => fc.integer({ min: 0, max: 2_000 })))
  .map((counts) => Object.fromEntries(codes.map((code, i) => [code, counts[i] as number])));

/** The allocation, or undefined when the drawn rules cannot be met (those runs are discarded). */
function allocateOrSkip(
  rules: AllocationRules,
  households: readonly EligibilityProfile[],
  official: Record<string, number>,
) {
  try {
    return allocate(rules, households, official);
  } catch (error) {
    if (isAllocationError(error)) {
      fc.pre(false);
    }
    throw error;
  }
}

/** Step 1, written independently of the engine. */
function isEligible(profile: EligibilityProfile, rules: AllocationRules): boolean {
  const since = monthsBefore(rules.asOf, rules.eligibility.verifiedWithinMonths);
  return (
    (profile.status === 'aktif' || !rules.eligibility.excludeGraduated) &&
    profile.desil <= rules.eligibility.maxDesil &&
    profile.verifiedOn >= since &&
    (profile.mustahik || (!rules.eligibility.requireMustahik && rules.fund !== 'ZAKAT')) &&
    !(rules.kecamatan.exclude ?? []).includes(profile.kecamatan)
  );
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const runs = { numRuns: 300 };

describe('allocate, for any households and rules', () => {
  it('fills min(S, eligible households) slots', () => {
    fc.assert(
      fc.property(rulesArbitrary, householdsArbitrary, officialArbitrary, (rules, households, official) => {
        // Act
        const result = allocateOrSkip(rules, households, official);
        // Assess
        const eligible = households.filter((profile) => isEligible(profile, rules)).length;
        const slots = Math.floor(rules.amount / rules.benefitPerHousehold);
        expect(result.lines.length).toBe(Math.min(slots, eligible));
        expect(result.kecamatan.reduce((sum, kecamatan) => sum + kecamatan.slots, 0)).toBe(result.lines.length);
        expect(result.kecamatan.reduce((sum, kecamatan) => sum + kecamatan.eligible, 0)).toBe(eligible);
      }),
      runs,
    );
  });

  it('gives lines only to eligible households, each at most once', () => {
    fc.assert(
      fc.property(rulesArbitrary, householdsArbitrary, officialArbitrary, (rules, households, official) => {
        const result = allocateOrSkip(rules, households, official);

        const lines = [...result.lines];
        const byPseudonym = new Map(households.map((profile) => [profile.pseudonym, profile]));
        expect(new Set(lines.map((line) => line.household)).size).toBe(lines.length);
        for (const line of lines) {
          const profile = byPseudonym.get(line.household);
          expect(profile && isEligible(profile, rules) && profile.kecamatan === line.kecamatan).toBe(true);
        }
      }),
      runs,
    );
  });

  it('allocates whole benefits and keeps a non-negative remainder', () => {
    fc.assert(
      fc.property(rulesArbitrary, householdsArbitrary, officialArbitrary, (rules, households, official) => {
        const result = allocateOrSkip(rules, households, official);

        expect(result.allocated).toBe(result.lines.length * rules.benefitPerHousehold);
        expect(result.remainder).toBe(rules.amount - result.allocated);
        expect(result.remainder).toBeGreaterThanOrEqual(0);
        for (const line of result.lines) expect(line.amount).toBe(rules.benefitPerHousehold);
      }),
      runs,
    );
  });

  it('gives the same result, hashes included, whatever the order of the households', () => {
    fc.assert(
      fc.property(
        rulesArbitrary,
        householdsArbitrary,
        officialArbitrary,
        fc.integer({ min: 1 }),
        (rules, households, official, seed) => {
          // Act
          const original = allocateOrSkip(rules, households, official);
          const reordered = allocate(rules, shuffled(households, seed), official);
          // Assess
          expect(JSON.stringify(reordered)).toBe(JSON.stringify(original));
        },
      ),
      runs,
    );
  });

  it('hashes exactly the canonical documents FORMAT.md describes', () => {
    fc.assert(
      fc.property(rulesArbitrary, householdsArbitrary, officialArbitrary, (rules, households, official) => {
        const result = allocateOrSkip(rules, households, official);

        const officialUsed = rules.kecamatan.weighting === 'official' ? official : {};
        expect(result.inputsHash).toBe(referenceInputsHash(rules, officialUsed, households));
        expect(result.outputsHash).toBe(referenceOutputsHash(result));
      }),
      { numRuns: 100 },
    );
  });

  it('never gives fewer lines for more money', () => {
    fc.assert(
      fc.property(
        rulesArbitrary,
        householdsArbitrary,
        officialArbitrary,
        fc.integer({ min: 1, max: 5_000_000 }),
        (rules, households, official, more) => {
          const less = allocateOrSkip(rules, households, official);
          const richer = allocateOrSkip({ ...rules, amount: rules.amount + more }, households, official);

          expect(richer.lines.length).toBeGreaterThanOrEqual(less.lines.length);
        },
      ),
      runs,
    );
  });

  it('takes at most the last-ranked household of a kecamatan away when more money comes, without floor or cap', () => {
    // More money never removes a household except through the Alabama paradox of largest
    // remainders (FORMAT.md): quotas only grow, so a kecamatan loses at most its rounded-up slot.
    fc.assert(
      fc.property(
        rulesArbitrary,
        householdsArbitrary,
        officialArbitrary,
        fc.integer({ min: 1, max: 5_000_000 }),
        (drawn, households, official, more) => {
          // Prepare
          const { floorShare: _floor, capShare: _cap, ...kecamatan } = drawn.kecamatan;
          const rules = { ...drawn, kecamatan };
          // Act
          const less = allocateOrSkip(rules, households, official);
          const richer = allocateOrSkip({ ...rules, amount: rules.amount + more }, households, official);
          // Assess
          const kept = new Set([...richer.lines].map((line) => line.household));
          const lost = [...less.lines].filter((line) => !kept.has(line.household));
          const slotsBefore = new Map(less.kecamatan.map((entry) => [entry.code, entry.slots]));
          expect(new Set(lost.map((line) => line.kecamatan)).size).toBe(lost.length);
          for (const line of lost) expect(line.rank).toBe(slotsBefore.get(line.kecamatan));
        },
      ),
      runs,
    );
  });
});

describe('allocateKecamatan, for any eligible counts and rules', () => {
  const countsArbitrary = fc
    .tuple(...codes.map(() => fc.integer({ min: 0, max: 200 })))
    .map((counts) => Object.fromEntries(codes.map((code, i) => [code, counts[i] as number])));

  it('keeps every kecamatan within its bounds when the money does not suffice', () => {
    fc.assert(
      fc.property(rulesArbitrary, countsArbitrary, officialArbitrary, (rules, eligible, official) => {
        // Act
        let split;
        try {
          split = allocateKecamatan(rules, eligible, official);
        } catch (error) {
          if (isAllocationError(error)) fc.pre(false);
          throw error;
        }
        fc.pre(split.method === 'quota');
        // Assess
        for (const kecamatan of split.kecamatan) {
          expect(kecamatan.slots).toBeGreaterThanOrEqual(kecamatan.lower);
          expect(kecamatan.slots).toBeLessThanOrEqual(kecamatan.upper);
        }
        expect(split.kecamatan.reduce((sum, kecamatan) => sum + kecamatan.slots, 0)).toBe(split.slots);
      }),
      runs,
    );
  });

  it('rounds every quota down or up, never further', () => {
    fc.assert(
      fc.property(rulesArbitrary, countsArbitrary, officialArbitrary, (rules, eligible, official) => {
        let split;
        try {
          split = allocateKecamatan(rules, eligible, official);
        } catch (error) {
          if (isAllocationError(error)) fc.pre(false);
          throw error;
        }

        for (const kecamatan of split.kecamatan) {
          const [numerator, denominator] = kecamatan.quota.split('/').map(BigInt) as [bigint, bigint];
          const floor = Number(numerator / denominator);
          const ceiling = floor + (numerator % denominator === 0n ? 0 : 1);
          expect([floor, ceiling]).toContain(kecamatan.slots);
        }
      }),
      runs,
    );
  });
});
