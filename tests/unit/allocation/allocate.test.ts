import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { allocate } from '../../../shared/allocation/allocate.ts';
import { HouseholdTable } from '../../../shared/allocation/household-table.ts';
import type { EligibilityProfile } from '../../../shared/registry/household.ts';
import { household, pseudonym, referenceInputsHash, referenceOutputsHash, rules, thrown } from './fixtures.ts';

/** The households with a line, by pseudonym. */
function served(result: ReturnType<typeof allocate>): string[] {
  return [...result.lines].map((line) => line.household);
}

describe('allocate', () => {
  it('gives every eligible household a slot when the money suffices', () => {
    // Prepare: S = ⌊1,000,000 / 100,000⌋ = 10 slots for 3 households.
    const households = [1, 2, 3].map((n) => household({ pseudonym: pseudonym(n) }));
    // Act
    const result = allocate(rules(), households, {});
    // Assess
    expect(served(result)).toEqual([pseudonym(1), pseudonym(2), pseudonym(3)]);
    expect(result).toMatchObject({ slots: 10, allocated: 300_000, remainder: 700_000 });
  });

  it('keeps what the benefit does not divide as the remainder', () => {
    // Prepare: 1,000,000 / 300,000 → S = 3, allocated 900,000, remainder 100,000.
    const households = [1, 2, 3, 4].map((n) => household({ pseudonym: pseudonym(n) }));
    // Act
    const result = allocate(rules({ benefitPerHousehold: 300_000 }), households, {});
    // Assess
    expect(result).toMatchObject({ slots: 3, allocated: 900_000, remainder: 100_000 });
    expect(result.lines.length).toBe(3);
  });

  it('ranks households by desil, then vulnerability flags, then size, then pseudonym', () => {
    // Prepare, in the expected order:
    //   p(5): desil 1, 2 flags, 3 members   p(4): desil 1, 1 flag, 7 members
    //   p(2): desil 1, 1 flag, 4 members     p(3): desil 1, 1 flag, 4 members (pseudonym after p(2))
    //   p(1): desil 2, 3 flags, 9 members
    const households = [
      household({
        pseudonym: pseudonym(1),
        desil: 2,
        disabilitas: true,
        lansia: true,
        perempuanKepala: true,
        jumlahAnggota: 9,
      }),
      household({ pseudonym: pseudonym(3), desil: 1, lansia: true, jumlahAnggota: 4 }),
      household({ pseudonym: pseudonym(2), desil: 1, perempuanKepala: true, jumlahAnggota: 4 }),
      household({ pseudonym: pseudonym(4), desil: 1, disabilitas: true, jumlahAnggota: 7 }),
      household({ pseudonym: pseudonym(5), desil: 1, disabilitas: true, lansia: true, jumlahAnggota: 3 }),
    ];
    // Act
    const result = allocate(rules(), households, {});
    // Assess
    expect([...result.lines].map((line) => [line.household, line.rank])).toEqual([
      [pseudonym(5), 1],
      [pseudonym(4), 2],
      [pseudonym(2), 3],
      [pseudonym(3), 4],
      [pseudonym(1), 5],
    ]);
  });

  it('serves only the best-ranked households of a kecamatan when slots are short', () => {
    // Prepare: S = 2 for one kecamatan of 4: desil 3, 1, 2, 1 → the two desil-1 households.
    const households = [3, 1, 2, 1].map((desil, n) => household({ pseudonym: pseudonym(n), desil }));
    // Act
    const result = allocate(rules({ amount: 200_000 }), households, {});
    // Assess
    expect(served(result)).toEqual([pseudonym(1), pseudonym(3)]);
  });

  it('requires mustahik for zakat even when the rules do not ask for it', () => {
    // Prepare
    const households = [
      household({ pseudonym: pseudonym(1), mustahik: true }),
      household({ pseudonym: pseudonym(2), mustahik: false }),
    ];
    // Act
    const zakat = allocate(rules({ fund: 'ZAKAT' }), households, {});
    const csr = allocate(rules({ fund: 'CSR' }), households, {});
    // Assess
    expect(served(zakat)).toEqual([pseudonym(1)]);
    expect(served(csr)).toEqual([pseudonym(1), pseudonym(2)]);
  });

  it('requires mustahik for any fund when the rules ask for it', () => {
    const households = [household({ pseudonym: pseudonym(1), mustahik: false })];

    const result = allocate(rules({ fund: 'INFAK', eligibility: { requireMustahik: true } }), households, {});

    expect(served(result)).toEqual([]);
  });

  it('leaves out graduated households when the rules exclude them', () => {
    // Prepare
    const households = [
      household({ pseudonym: pseudonym(1), status: 'aktif' }),
      household({ pseudonym: pseudonym(2), status: 'graduasi' }),
    ];
    // Act
    const excluding = allocate(rules({ eligibility: { excludeGraduated: true } }), households, {});
    const including = allocate(rules({ eligibility: { excludeGraduated: false } }), households, {});
    // Assess
    expect(served(excluding)).toEqual([pseudonym(1)]);
    expect(served(including)).toEqual([pseudonym(1), pseudonym(2)]);
  });

  it('counts a verification exactly on the cutoff date and not the day before', () => {
    // Prepare: asOf 2026-03-31 minus 1 month = 2026-02-28 (31 February does not exist).
    const households = [
      household({ pseudonym: pseudonym(1), verifiedOn: '2026-02-28' }),
      household({ pseudonym: pseudonym(2), verifiedOn: '2026-02-27' }),
      household({ pseudonym: pseudonym(3), verifiedOn: '2026-04-02' }),
    ];
    // Act
    const result = allocate(rules({ eligibility: { verifiedWithinMonths: 1 } }), households, {});
    // Assess
    expect(served(result)).toEqual([pseudonym(1), pseudonym(3)]);
  });

  it('leaves out households above maxDesil', () => {
    const households = [4, 5].map((desil) => household({ pseudonym: pseudonym(desil), desil }));

    const result = allocate(rules({ eligibility: { maxDesil: 4 } }), households, {});

    expect(served(result)).toEqual([pseudonym(4)]);
  });

  it('leaves out excluded kecamatan entirely', () => {
    // Prepare
    const households = [
      household({ pseudonym: pseudonym(1), kecamatan: '63.71.01' }),
      household({ pseudonym: pseudonym(2), kecamatan: '63.71.02' }),
    ];
    // Act
    const result = allocate(rules({ kecamatan: { weighting: 'eligible', exclude: ['63.71.02'] } }), households, {});
    // Assess
    expect(result.kecamatan.map((kecamatan) => kecamatan.code)).toEqual(['63.71.01']);
    expect(served(result)).toEqual([pseudonym(1)]);
  });

  it('lists kecamatan by code with their eligible count, weight, slots and amount', () => {
    // Prepare: official weights 11417 and 6621, S = 2 for 2 + 1 eligible:
    // q = 2·11417/18038 = 1.27 and 0.73 → 1 and 0, the remainder to 63.71.02 (0.73 > 0.27).
    const households = [
      household({ pseudonym: pseudonym(1), kecamatan: '63.71.02' }),
      household({ pseudonym: pseudonym(2), kecamatan: '63.71.01' }),
      household({ pseudonym: pseudonym(3), kecamatan: '63.71.01' }),
    ];
    const official = { '63.71.01': 11_417, '63.71.02': 6_621 };
    // Act
    const result = allocate(rules({ amount: 250_000, kecamatan: { weighting: 'official' } }), households, official);
    // Assess
    expect(result.kecamatan).toEqual([
      { code: '63.71.01', eligible: 2, weight: 11_417, slots: 1, amount: 100_000 },
      { code: '63.71.02', eligible: 1, weight: 6_621, slots: 1, amount: 100_000 },
    ]);
  });

  it('hashes the inputs and outputs as FORMAT.md describes', () => {
    // Prepare
    const households = Array.from({ length: 40 }, (_, n) =>
      household({
        pseudonym: randomBytes(16).toString('hex'),
        kecamatan: `63.71.0${1 + (n % 3)}`,
        desil: 1 + (n % 10),
      }),
    );
    const allocationRules = rules({
      amount: 2_000_000,
      kecamatan: { weighting: 'custom', weights: { '63.71.01': 0.5, '63.71.02': 1.25, '63.71.03': 1e-7 } },
    });
    // Act
    const result = allocate(allocationRules, households, { '63.71.01': 5 });
    // Assess: official counts are not an input unless weighting is official.
    expect(result.inputsHash).toBe(referenceInputsHash(allocationRules, {}, households));
    expect(result.outputsHash).toBe(referenceOutputsHash(result));
  });

  it('hashes official counts into the inputs when the weighting uses them', () => {
    const households = [household()];
    const allocationRules = rules({ kecamatan: { weighting: 'official' } });
    const official = { '63.71.01': 5, '63.71.09': 7 };

    const result = allocate(allocationRules, households, official);

    expect(result.inputsHash).toBe(referenceInputsHash(allocationRules, official, households));
  });

  it('hashes tens of thousands of households across many chunks the same way', () => {
    // Prepare: ~3 MB of canonical rows, more than one 1 MB chunk.
    const households = Array.from({ length: 30_000 }, (_, n) =>
      household({
        pseudonym: randomBytes(16).toString('hex'),
        kecamatan: `63.7${n % 3}.0${1 + (n % 7)}`,
        desil: 1 + (n % 10),
        jumlahAnggota: 1 + (n % 12),
        verifiedOn: `2025-${String(1 + (n % 12)).padStart(2, '0')}-1${n % 10}`,
        lansia: n % 3 === 0,
        status: n % 13 === 0 ? 'graduasi' : 'aktif',
      }),
    );
    const allocationRules = rules({ amount: 1_500_000_000, benefitPerHousehold: 97_000 });
    // Act
    const result = allocate(allocationRules, households, {});
    // Assess
    expect(result.lines.length).toBeGreaterThan(10_000);
    expect(result.inputsHash).toBe(referenceInputsHash(allocationRules, {}, households));
    expect(result.outputsHash).toBe(referenceOutputsHash(result));
  });

  it('orders pseudonyms that share their first 20 hex digits by the rest', () => {
    // Prepare: the engine sorts on the first 10 digits; these differ only later.
    const shared = 'abcdef0123456789abcd';
    const households = ['ffffffffffff', '000000000000', '00000000000f', '7fffffffffff'].map((tail) =>
      household({ pseudonym: shared + tail }),
    );
    // Act
    const result = allocate(rules(), households, {});
    // Assess: equal in everything else, so ranked by pseudonym.
    expect(served(result)).toEqual([
      shared + '000000000000',
      shared + '00000000000f',
      shared + '7fffffffffff',
      shared + 'ffffffffffff',
    ]);
    expect(result.inputsHash).toBe(referenceInputsHash(rules(), {}, households));
  });

  it('takes a HouseholdTable as well as a list of profiles', () => {
    // Prepare
    const households: EligibilityProfile[] = [2, 1, 3].map((n) => household({ pseudonym: pseudonym(n), desil: n }));
    // Act
    const fromList = allocate(rules(), households, {});
    const fromTable = allocate(rules(), HouseholdTable.from(households), {});
    // Assess
    expect(fromTable.outputsHash).toBe(fromList.outputsHash);
    expect(fromTable.inputsHash).toBe(fromList.inputsHash);
  });

  it('refuses a pseudonym that appears twice, naming the later household', () => {
    // Prepare
    const households = [household({ pseudonym: pseudonym(7) }), household(), household({ pseudonym: pseudonym(7) })];
    // Act
    const error = thrown(() => allocate(rules(), households, {}));
    // Assess
    expect(error.code).toBe('duplicate_household');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['households.2.pseudonym']);
  });

  it.each([
    ['pseudonym', 'ABCDEF0123456789ABCDEF0123456789'],
    ['pseudonym', 'abc'],
    ['kecamatan', '6371'],
    ['desil', 0],
    ['desil', 11],
    ['jumlahAnggota', 0],
    ['jumlahAnggota', 256],
    ['verifiedOn', '2026-02-30'],
    ['disabilitas', 'ya'],
    ['status', 'meninggal'],
  ])('names households.N.%s when it is %j', (field, value) => {
    // Prepare
    const households = [
      household(),
      household({ pseudonym: pseudonym(2), [field]: value } as Partial<EligibilityProfile>),
    ];
    // Act
    const error = thrown(() => allocate(rules(), households, {}));
    // Assess
    expect(error.code).toBe('invalid_household');
    expect(error.issues?.map((issue) => issue.path)).toEqual([`households.1.${field}`]);
  });

  it('refuses invalid rules before looking at households', () => {
    const error = thrown(() => allocate({ ...rules(), amount: -1 }, [household()], {}));

    expect(error.code).toBe('invalid_rules');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['amount']);
  });
});
