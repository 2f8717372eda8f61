import { describe, expect, it } from 'vitest';

import type { Graduation, GraduationStore } from '../../../shared/graduations/graduation.ts';
import { recordFollowUp } from '../../../shared/graduations/record-follow-up.ts';

const officer = { sub: 'officer-ani', roles: ['officer'] as const };
const now = new Date('2026-11-23T03:00:00Z');

/** A store holding one graduation, recording what it was asked to write. */
function storeWith(graduation: Graduation) {
  const written: { countFellBack: boolean }[] = [];
  const store: GraduationStore = {
    recordGraduation: async () => true,
    getGraduation: async (household) => (household === graduation.household ? graduation : undefined),
    recordFollowUp: async (_graduation, _followUp, countFellBack) => {
      written.push({ countFellBack });
      return 'recorded';
    },
    graduatedHouseholds: async () => new Set(),
    kecamatanGraduationCounts: async () => new Map(),
  };
  return { store, written };
}

function graduation(overrides: Partial<Graduation> = {}): Graduation {
  return {
    household: 'a'.repeat(32),
    kecamatan: '63.71.01',
    kind: 'mandiri',
    graduatedOn: '2025-08-31',
    reason: 'penghasilan di atas UMK',
    recordedBy: 'officer-ani',
    recordedAt: '2025-08-31T02:00:00.000Z',
    followUps: {},
    ...overrides,
  };
}

describe('recordFollowUp', () => {
  it('opens the 6-month follow-up on the last day of a shorter month (31 August + 6 months = 28 February)', async () => {
    // Prepare
    const { store } = storeWith(graduation());
    // Act
    const early = recordFollowUp(
      store,
      officer,
      'a'.repeat(32),
      { months: 6, checkedOn: '2026-02-27', fellBack: false },
      now,
    );
    const onTime = recordFollowUp(
      store,
      officer,
      'a'.repeat(32),
      { months: 6, checkedOn: '2026-02-28', fellBack: false },
      now,
    );
    // Assess
    await expect(early).rejects.toMatchObject({ statusCode: 422, code: 'follow_up_too_early' });
    await expect(onTime).resolves.toMatchObject({ months: 6, checkedOn: '2026-02-28' });
  });

  it('does not count a household fallen back again once a follow-up counted it', async () => {
    // Prepare
    const { store, written } = storeWith(graduation({ fellBackOn: '2026-02-28' }));
    // Act
    await recordFollowUp(store, officer, 'a'.repeat(32), { months: 12, checkedOn: '2026-08-31', fellBack: true }, now);
    // Assess
    expect(written).toEqual([{ countFellBack: false }]);
  });

  it('counts a household fallen back the first time a follow-up finds it so', async () => {
    // Prepare
    const { store, written } = storeWith(graduation());
    // Act
    await recordFollowUp(store, officer, 'a'.repeat(32), { months: 6, checkedOn: '2026-03-01', fellBack: true }, now);
    // Assess
    expect(written).toEqual([{ countFellBack: true }]);
  });
});
