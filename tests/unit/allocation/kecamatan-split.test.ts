import { describe, expect, it } from 'vitest';

import { allocateKecamatan } from '../../../shared/allocation/kecamatan-split.ts';
import { rules, thrown } from './fixtures.ts';

const [A, B, C, D] = ['63.71.01', '63.71.02', '63.71.03', '63.71.04'] as const;

/** Slots by code. */
function slotsOf(split: ReturnType<typeof allocateKecamatan>): Record<string, number> {
  return Object.fromEntries(split.kecamatan.map((kecamatan) => [kecamatan.code, kecamatan.slots]));
}

const benefit = 100_000;
/** Rules giving exactly `slots` slots. */
const forSlots = (slots: number) => ({ amount: slots * benefit + 99_999, benefitPerHousehold: benefit });

describe('allocateKecamatan', () => {
  it('gives every eligible household a slot when the money suffices', () => {
    // Prepare: S = 12 ≥ 5 + 3 = 8 eligible, so caps and weights do not apply.
    const input = rules({ ...forSlots(12), kecamatan: { weighting: 'eligible', capShare: 0.1 } });
    // Act
    const split = allocateKecamatan(input, { [A]: 5, [B]: 3 }, {});
    // Assess
    expect(split.method).toBe('everyone');
    expect(slotsOf(split)).toEqual({ [A]: 5, [B]: 3 });
    expect(split.kecamatan[0]).toMatchObject({ lower: 5, upper: 5, quota: '5/1' });
  });

  it('splits in proportion to eligible households', () => {
    // Prepare: S = 10, weights 30 and 20: λ = 10/50, q = 6 and 4, no remainder.
    const input = rules(forSlots(10));
    // Act
    const split = allocateKecamatan(input, { [A]: 30, [B]: 20 }, {});
    // Assess
    expect(slotsOf(split)).toEqual({ [A]: 6, [B]: 4 });
    expect(split.kecamatan.map((kecamatan) => kecamatan.quota)).toEqual(['6/1', '4/1']);
  });

  it('gives a tied fractional part to the smaller code when the weights are equal too', () => {
    // Prepare: custom weights 1, 1, 2 and S = 2: λ = 2/4, q = 1/2, 1/2, 1.
    // ⌊q⌋ = 0, 0, 1 leaves R = 1; A and B tie on 1/2 and on weight 1, so the smaller code, A, wins.
    const input = rules({ ...forSlots(2), kecamatan: { weighting: 'custom', weights: { [A]: 1, [B]: 1, [C]: 2 } } });
    // Act
    const split = allocateKecamatan(input, { [A]: 10, [B]: 10, [C]: 10 }, {});
    // Assess
    expect(slotsOf(split)).toEqual({ [A]: 1, [B]: 0, [C]: 1 });
  });

  it('gives a tied fractional part to the larger weight before the smaller code', () => {
    // Prepare: custom weights 1 (A) and 3 (B), S = 2: λ = 2/4, q = 1/2 and 3/2.
    // ⌊q⌋ = 0, 1 leaves R = 1; both fractional parts are 1/2, B's weight 3 beats A's smaller code.
    const input = rules({ ...forSlots(2), kecamatan: { weighting: 'custom', weights: { [A]: 1, [B]: 3 } } });
    // Act
    const split = allocateKecamatan(input, { [A]: 10, [B]: 10 }, {});
    // Assess
    expect(slotsOf(split)).toEqual({ [A]: 0, [B]: 2 });
  });

  it('gives the remaining slots to the largest fractional parts', () => {
    // Prepare: weights 3, 3, 1 (eligible counts), S = 5: λ = 5/7, q = 15/7, 15/7, 5/7 (2.14, 2.14, 0.71).
    // ⌊q⌋ = 2, 2, 0 leaves R = 1; C's 5/7 is the largest fractional part.
    const input = rules(forSlots(5));
    // Act
    const split = allocateKecamatan(input, { [A]: 3, [B]: 3, [C]: 1 }, {});
    // Assess
    expect(slotsOf(split)).toEqual({ [A]: 2, [B]: 2, [C]: 1 });
    expect(split.kecamatan.map((kecamatan) => kecamatan.quota)).toEqual(['15/7', '15/7', '5/7']);
  });

  it('holds a kecamatan at its cap and spreads the rest over the others', () => {
    // Prepare: eligible 100, 20, 20; S = 50; capShare 0.4 → ⌊0.4·50⌋ = 20, so u = 20, 20, 20.
    // Unbounded, A would get 50·100/140 ≈ 35.7. With A at its cap of 20, B and C share 30:
    // 20λ + 20λ = 30 → λ = 3/4, q_B = q_C = 15, and q_A = min(75, 20) = 20.
    const input = rules({ ...forSlots(50), kecamatan: { weighting: 'eligible', capShare: 0.4 } });
    // Act
    const split = allocateKecamatan(input, { [A]: 100, [B]: 20, [C]: 20 }, {});
    // Assess
    expect(slotsOf(split)).toEqual({ [A]: 20, [B]: 15, [C]: 15 });
    expect(split.kecamatan.map(({ lower, upper }) => [lower, upper])).toEqual([
      [0, 20],
      [0, 20],
      [0, 20],
    ]);
  });

  it('lifts a kecamatan with a small weight to its floor', () => {
    // Prepare: official counts 1000, 10, 0; 50 eligible each; S = 20; floorShare 0.2 → l = 4 each.
    // C (weight 0) stays at its floor 4. A and B share 16: if B sits at its floor, A = 1000λ = 12,
    // λ = 0.012 and 10λ = 0.12 < 4, so B is indeed held at 4. Result 12, 4, 4.
    const input = rules({ ...forSlots(20), kecamatan: { weighting: 'official', floorShare: 0.2 } });
    // Act
    const split = allocateKecamatan(input, { [A]: 50, [B]: 50, [C]: 50 }, { [A]: 1000, [B]: 10, [C]: 0 });
    // Assess
    expect(slotsOf(split)).toEqual({ [A]: 12, [B]: 4, [C]: 4 });
    expect(split.kecamatan.map((kecamatan) => kecamatan.weight)).toEqual([1000, 10, 0]);
  });

  it('leaves out excluded kecamatan and kecamatan without eligible households', () => {
    // Prepare: B has no eligible household and D is excluded, so only A and C take part:
    // weights 5 and 5, S = 4 → 2 and 2.
    const input = rules({ ...forSlots(4), kecamatan: { weighting: 'eligible', exclude: [D] } });
    // Act
    const split = allocateKecamatan(input, { [A]: 5, [B]: 0, [C]: 5, [D]: 5 }, {});
    // Assess
    expect(slotsOf(split)).toEqual({ [A]: 2, [C]: 2 });
    expect(split.eligible).toBe(10);
  });

  it('computes floors from the exact decimal share, not its binary approximation', () => {
    // Prepare: S = 100 and floorShare 0.29: 0.29·100 is 28.999999999999996 in floating point,
    // but ⌊29/100 · 100⌋ = 29. Three kecamatan of 40 eligible: l = 29 each, Σl = 87 ≤ 100.
    const input = rules({ ...forSlots(100), kecamatan: { weighting: 'eligible', floorShare: 0.29 } });
    // Act
    const split = allocateKecamatan(input, { [A]: 40, [B]: 40, [C]: 40 }, {});
    // Assess
    expect(split.kecamatan.map((kecamatan) => kecamatan.lower)).toEqual([29, 29, 29]);
  });

  it('weighs decimal weights exactly', () => {
    // Prepare: weights 0.1 and 0.2, S = 3: λ = 3 / (3/10) = 10, q = 1 and 2 exactly. In floating
    // point 0.1 + 0.2 = 0.30000000000000004 and q_A would be 0.9999999999999999.
    const input = rules({ ...forSlots(3), kecamatan: { weighting: 'custom', weights: { [A]: 0.1, [B]: 0.2 } } });
    // Act
    const split = allocateKecamatan(input, { [A]: 10, [B]: 10 }, {});
    // Assess
    expect(split.kecamatan.map((kecamatan) => kecamatan.quota)).toEqual(['1/1', '2/1']);
    expect(slotsOf(split)).toEqual({ [A]: 1, [B]: 2 });
  });

  it('keeps a kecamatan weighted 0 at its floor', () => {
    // Prepare: weights 1 and 0, floorShare 0.25, S = 8: l = 2 each; B stays at 2, A takes 6.
    const input = rules({
      ...forSlots(8),
      kecamatan: { weighting: 'custom', weights: { [A]: 1, [B]: 0 }, floorShare: 0.25 },
    });
    // Act
    const split = allocateKecamatan(input, { [A]: 10, [B]: 10 }, {});
    // Assess
    expect(slotsOf(split)).toEqual({ [A]: 6, [B]: 2 });
  });

  it('accepts all weights 0 when the floors alone place every slot', () => {
    // Prepare: weights 0 and 0, floorShare 0.5, S = 4: l = 2 each, Σl = 4 = S.
    const input = rules({
      ...forSlots(4),
      kecamatan: { weighting: 'custom', weights: { [A]: 0, [B]: 0 }, floorShare: 0.5 },
    });
    // Act
    const split = allocateKecamatan(input, { [A]: 10, [B]: 10 }, {});
    // Assess
    expect(slotsOf(split)).toEqual({ [A]: 2, [B]: 2 });
  });

  it('shows the Alabama paradox the rules allow: one more slot can take a slot away', () => {
    // Prepare: eligible 6, 6, 2.
    // S = 10: q = 60/14, 60/14, 20/14 = 4.29, 4.29, 1.43 → 4, 4, 1 + the remainder to C (0.43) → 4, 4, 2.
    // S = 11: q = 66/14, 66/14, 22/14 = 4.71, 4.71, 1.57 → 4, 4, 1 + R = 2 to A and B → 5, 5, 1.
    const eligible = { [A]: 6, [B]: 6, [C]: 2 };
    // Act
    const ten = allocateKecamatan(rules(forSlots(10)), eligible, {});
    const eleven = allocateKecamatan(rules(forSlots(11)), eligible, {});
    // Assess
    expect(slotsOf(ten)).toEqual({ [A]: 4, [B]: 4, [C]: 2 });
    expect(slotsOf(eleven)).toEqual({ [A]: 5, [B]: 5, [C]: 1 });
  });

  describe('refuses rules that cannot be met', () => {
    it('names kecamatan.floorShare when the floors exceed the slots', () => {
      // Prepare: S = 10, floorShare 0.4 → l = 4 for each of 3 kecamatan, Σl = 12 > 10.
      const input = rules({ ...forSlots(10), kecamatan: { weighting: 'eligible', floorShare: 0.4 } });
      // Act
      const error = thrown(() => allocateKecamatan(input, { [A]: 10, [B]: 10, [C]: 10 }, {}));
      // Assess
      expect(error.code).toBe('floor_too_high');
      expect(error.issues?.map((issue) => issue.path)).toEqual(['kecamatan.floorShare']);
      expect(error.issues?.[0]?.message).toMatch(/12 in all.*only 10 slots/u);
    });

    it('names kecamatan.capShare when the caps cannot hold the slots', () => {
      // Prepare: S = 10, capShare 0.3 → u = 3 for each of 3 kecamatan, Σu = 9 < 10.
      const input = rules({ ...forSlots(10), kecamatan: { weighting: 'eligible', capShare: 0.3 } });
      // Act
      const error = thrown(() => allocateKecamatan(input, { [A]: 10, [B]: 10, [C]: 10 }, {}));
      // Assess
      expect(error.code).toBe('cap_too_low');
      expect(error.issues?.map((issue) => issue.path)).toEqual(['kecamatan.capShare']);
    });

    it('names the kecamatan that has eligible households but no custom weight', () => {
      // Prepare
      const input = rules({ ...forSlots(4), kecamatan: { weighting: 'custom', weights: { [A]: 1, [D]: 2 } } });
      // Act
      const error = thrown(() => allocateKecamatan(input, { [A]: 5, [B]: 5, [C]: 5 }, {}));
      // Assess
      expect(error.code).toBe('missing_weight');
      expect(error.issues?.map((issue) => issue.path)).toEqual([`kecamatan.weights.${B}`, `kecamatan.weights.${C}`]);
    });

    it('names the kecamatan that has eligible households but no official count', () => {
      // Prepare
      const input = rules({ ...forSlots(4), kecamatan: { weighting: 'official' } });
      // Act
      const error = thrown(() => allocateKecamatan(input, { [A]: 5, [B]: 5 }, { [A]: 100 }));
      // Assess
      expect(error.code).toBe('missing_official_count');
      expect(error.issues?.map((issue) => issue.path)).toEqual([`official.${B}`]);
    });

    it('names kecamatan.weights when the weighted kecamatan are full before all slots are placed', () => {
      // Prepare: A (weight 1) can take its 3 eligible households; B (weight 0) only its floor 0.
      // 3 < S = 5.
      const input = rules({ ...forSlots(5), kecamatan: { weighting: 'custom', weights: { [A]: 1, [B]: 0 } } });
      // Act
      const error = thrown(() => allocateKecamatan(input, { [A]: 3, [B]: 10 }, {}));
      // Assess
      expect(error.code).toBe('weights_cannot_fill');
      expect(error.issues?.map((issue) => issue.path)).toEqual(['kecamatan.weights']);
    });

    it('names the official count that is not a whole number of households', () => {
      // Act
      const error = thrown(() => allocateKecamatan(rules(forSlots(4)), { [A]: 5 }, { [A]: 12.5 }));
      // Assess
      expect(error.code).toBe('invalid_official_counts');
      expect(error.issues?.map((issue) => issue.path)).toEqual([`official.${A}`]);
    });
  });
});
