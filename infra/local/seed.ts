import type { Caller } from '../../shared/domain/caller.ts';
import { confirmContribution } from '../../shared/domain/confirm-contribution.ts';
import { declareContribution } from '../../shared/domain/declare-contribution.ts';
import type { Fund } from '../../shared/domain/funds.ts';
import { makePledge } from '../../shared/domain/make-pledge.ts';
import { registerOrganisation } from '../../shared/domain/register-organisation.ts';
import type { TerangStore } from '../../shared/domain/store.ts';
import { createProgramme, type CreateProgrammeInput } from '../../shared/programmes/create-programme.ts';
import type { ProgrammeStore } from '../../shared/programmes/programme.ts';
import { banjarmasin, banjarmasinKecamatan } from '../../shared/regions/banjarmasin.ts';

/**
 * Demo data for Kota Banjarmasin. The companies are fictional and every name says so; the city is
 * flagged `demo`, which makes the public page show "Data contoh". Money goes through the same
 * domain functions as real requests, so the seeded ledger obeys every rule.
 */
const admin: Caller = { sub: 'seed-admin', roles: ['admin'] };
const treasurer: Caller = { sub: 'seed-treasurer', roles: ['treasurer'] };

interface DemoOrganisation {
  readonly name: string;
  readonly kind: 'company' | 'baznas';
  readonly pledges: readonly {
    amount: number;
    earmark?: { kecamatan?: string[]; category?: 'education' | 'health' | 'business_capital' | 'clean_water' };
  }[];
  readonly contributions: readonly {
    fund: Fund;
    amount: number;
    transferRef: string;
    daysAgo: number;
    confirmed: boolean;
  }[];
}

const demoOrganisations: readonly DemoOrganisation[] = [
  {
    name: 'PT Sungai Barito Energi (fiktif)',
    kind: 'company',
    pledges: [{ amount: 2_000_000_000 }],
    contributions: [
      { fund: 'CSR', amount: 750_000_000, transferRef: 'DEMO-SBE-0001', daysAgo: 40, confirmed: true },
      { fund: 'CSR', amount: 250_000_000, transferRef: 'DEMO-SBE-0002', daysAgo: 3, confirmed: false },
    ],
  },
  {
    name: 'PT Kayu Manis Nusantara (fiktif)',
    kind: 'company',
    pledges: [{ amount: 1_200_000_000, earmark: { kecamatan: ['63.71.01', '63.71.03'], category: 'education' } }],
    contributions: [{ fund: 'CSR', amount: 400_000_000, transferRef: 'DEMO-KMN-0001', daysAgo: 25, confirmed: true }],
  },
  {
    name: 'PT Bank Intan Martapura (fiktif)',
    kind: 'company',
    pledges: [{ amount: 800_000_000, earmark: { category: 'clean_water' } }],
    contributions: [],
  },
  {
    name: 'BAZNAS Kota Banjarmasin',
    kind: 'baznas',
    pledges: [],
    contributions: [
      { fund: 'ZAKAT', amount: 350_000_000, transferRef: 'DEMO-BAZ-Z-0001', daysAgo: 30, confirmed: true },
      { fund: 'INFAK', amount: 120_000_000, transferRef: 'DEMO-BAZ-I-0001', daysAgo: 12, confirmed: true },
    ],
  },
];

/**
 * Makin Mesra (Memberdayakan Keluarga Miskin Menuju Sejahtera): three tranches of business capital;
 * the next opens only when the previous stage's targets are met and approved.
 */
const stageTargets = ['usaha_berjalan', 'untung', 'menabung', 'membantu_orang_lain', 'anggota_sehat_sekolah'];
export const makinMesra: CreateProgrammeInput = {
  id: 'makin-mesra',
  name: 'Makin Mesra (Memberdayakan Keluarga Miskin Menuju Sejahtera)',
  category: 'business_capital',
  tranches: [
    { tranche: 1, amount: 2_000_000 },
    { tranche: 2, amount: 3_000_000 },
    { tranche: 3, amount: 5_000_000 },
  ],
  stages: [
    { stage: 1, targets: stageTargets },
    { stage: 2, targets: stageTargets },
  ],
};

export async function seedCity(store: TerangStore, demo: boolean): Promise<void> {
  await store.putCity({ ...banjarmasin, demo }, banjarmasinKecamatan);
}

/**
 * Seeds once: a store that already has the city is left alone. Returns whether it seeded. The
 * programme store defaults to the handlers' own (the table named in the environment).
 */
export async function seedDemoData(
  store: TerangStore,
  now: Date = new Date(),
  programmes?: ProgrammeStore,
): Promise<boolean> {
  if (await store.getCity()) return false;
  await seedCity(store, true);
  await createProgramme(
    programmes ?? (await import('../../functions/lib/programmes.ts')).programmes,
    admin,
    makinMesra,
    now,
  );
  for (const demo of demoOrganisations) {
    const organisation = await registerOrganisation(store, admin, { name: demo.name, kind: demo.kind }, now);
    const member: Caller = { sub: `seed-${demo.kind}`, roles: [demo.kind], orgId: organisation.id };
    let pledgeId: string | undefined;
    for (const pledge of demo.pledges) {
      pledgeId = (
        await makePledge(store, member, { orgId: organisation.id, fiscalYear: now.getUTCFullYear(), ...pledge }, now)
      ).id;
    }
    for (const contribution of demo.contributions) {
      const declared = await declareContribution(
        store,
        member,
        {
          orgId: organisation.id,
          ...(pledgeId ? { pledgeId } : {}),
          fund: contribution.fund,
          amount: contribution.amount,
          transferRef: contribution.transferRef,
          transferredAt: new Date(now.getTime() - contribution.daysAgo * 86_400_000),
        },
        now,
      );
      if (contribution.confirmed) await confirmContribution(store, treasurer, declared.id, now);
    }
  }
  return true;
}
