import { describe, expect, it } from 'vitest';

import { allocate } from '../../../shared/allocation/allocate.ts';
import { explainKecamatan, explainLine } from '../../../shared/allocation/explain.ts';
import { allocateKecamatan } from '../../../shared/allocation/kecamatan-split.ts';
import { household, pseudonym, rules } from './fixtures.ts';

/** Three households in 63.71.01, the first with two flags; S = 2, so ranks 1 and 2 get a line. */
function allocation() {
  const households = [
    household({ pseudonym: pseudonym(1), desil: 1, disabilitas: true, lansia: true, jumlahAnggota: 5 }),
    household({ pseudonym: pseudonym(2), desil: 2, jumlahAnggota: 1 }),
    household({ pseudonym: pseudonym(3), desil: 3 }),
  ];
  return allocate(rules({ amount: 200_000 }), households, {});
}

describe('explainLine', () => {
  it('says in Bahasa Indonesia why a household got its slot', () => {
    // Prepare
    const result = allocation();
    // Act
    const text = explainLine(result, result.lines.at(0)!);
    // Assess
    expect(text).toBe(
      'desil 1, 2 tanda kerentanan (disabilitas, lansia), 5 anggota keluarga: ' +
        'peringkat 1 dari 3 rumah tangga layak di 63.71.01, yang mendapat 2 slot',
    );
  });

  it('says it in English when asked', () => {
    // Prepare
    const result = allocation();
    // Act
    const text = explainLine(result, result.lines.at(1)!, 'en');
    // Assess
    expect(text).toBe(
      'desil 2, 0 vulnerability flags, 1 household member: rank 2 of 3 eligible households in 63.71.01, ' +
        'which received 2 slots',
    );
  });

  it('refuses a line that is not in the result', () => {
    const result = allocation();

    expect(() =>
      explainLine(result, { household: pseudonym(3), kecamatan: '63.71.01', amount: 100_000, rank: 1 }),
    ).toThrow(RangeError);
  });
});

describe('explainKecamatan', () => {
  it('gives the eligible count, weight, bounds, exact quota and slots', () => {
    // Prepare: weights 3, 3, 1; S = 5 → q = 15/7 for 63.71.01, rounded down to 2.
    const split = allocateKecamatan(
      rules({ amount: 500_000, kecamatan: { weighting: 'eligible', capShare: 0.8 } }),
      { '63.71.01': 3, '63.71.02': 3, '63.71.03': 1 },
      {},
    );
    // Act
    const text = explainKecamatan(split, '63.71.01');
    // Assess
    expect(text).toBe('63.71.01: 3 rumah tangga layak, bobot 3, batas 0–3 slot, kuota 15/7 (≈ 2,14), 2 slot');
  });

  it('says when the money sufficed for everyone', () => {
    const split = allocateKecamatan(rules(), { '63.71.01': 3 }, {});

    expect(explainKecamatan(split, '63.71.01', 'en')).toBe(
      '63.71.01: the money suffices for everyone (10 slots for 3 eligible households), so its 3 eligible households get 3 slots',
    );
  });
});
