import { createHash } from 'node:crypto';

import type { AllocationRules } from '../../../shared/allocation/rules.ts';
import type { EligibilityProfile } from '../../../shared/registry/household.ts';

/** A pseudonym that sorts by `n`: 32 lowercase hex characters. */
export function pseudonym(n: number): string {
  return n.toString(16).padStart(32, '0');
}

export function household(overrides: Partial<EligibilityProfile> = {}): EligibilityProfile {
  return {
    pseudonym: pseudonym(1),
    kecamatan: '63.71.01',
    desil: 1,
    jumlahAnggota: 4,
    verifiedOn: '2026-01-15',
    disabilitas: false,
    lansia: false,
    perempuanKepala: false,
    mustahik: true,
    status: 'aktif',
    ...overrides,
  };
}

type RulesOverrides = Partial<Omit<AllocationRules, 'eligibility' | 'kecamatan'>> & {
  eligibility?: Partial<AllocationRules['eligibility']>;
  kecamatan?: Partial<AllocationRules['kecamatan']>;
};

/** Rules where everyone in the fixtures is eligible unless a test says otherwise. */
export function rules(overrides: RulesOverrides = {}): AllocationRules {
  const { eligibility, kecamatan, ...top } = overrides;
  return {
    fund: 'CSR',
    amount: 1_000_000,
    benefitPerHousehold: 100_000,
    asOf: '2026-03-31',
    ...top,
    eligibility: {
      maxDesil: 10,
      verifiedWithinMonths: 12,
      requireMustahik: false,
      excludeGraduated: true,
      ...eligibility,
    },
    kecamatan: { weighting: 'eligible', ...kecamatan } as AllocationRules['kecamatan'],
  };
}

/**
 * Canonical JSON written independently of the engine's encoders (JSON.stringify with sorted keys),
 * so a test comparing hashes checks the encoders against the documented format.
 */
export function referenceCanonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    member && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  );
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const columns = [
  'pseudonym',
  'kecamatan',
  'desil',
  'jumlahAnggota',
  'verifiedOn',
  'disabilitas',
  'lansia',
  'perempuanKepala',
  'mustahik',
  'status',
] as const;

/** inputsHash as FORMAT.md defines it, computed the slow, obvious way. */
export function referenceInputsHash(
  allocationRules: AllocationRules,
  official: Record<string, number>,
  profiles: readonly EligibilityProfile[],
): string {
  const rows = [...profiles]
    .sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : 1))
    .map((profile) => columns.map((column) => profile[column]));
  return sha256(referenceCanonicalJson({ households: { columns, rows }, official, rules: allocationRules }));
}

/** outputsHash as FORMAT.md defines it: the result without its hashes. */
export function referenceOutputsHash(result: object): string {
  const {
    inputsHash: _inputs,
    outputsHash: _outputs,
    ...rest
  } = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
  return sha256(referenceCanonicalJson(rest));
}

/** The code and issues of what `act` throws. */
export function thrown(act: () => unknown): { code?: string; issues?: { path: string; message: string }[] } {
  try {
    act();
  } catch (error) {
    return error as { code?: string; issues?: { path: string; message: string }[] };
  }
  throw new Error('expected an error');
}
