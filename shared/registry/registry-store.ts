import type { EligibilityProfile } from './household.ts';
import type { ImportError } from './import-errors.ts';
import type { SealedPersonalData } from './personal-data-cipher.ts';

/** A household as stored: the engine's profile, plus its personal data sealed under a data key. */
export interface StoredHousehold extends EligibilityProfile {
  readonly kelurahan: string;
  /** HMAC of the KK under the registry key: "same KK elsewhere" is checked without storing the KK. */
  readonly kkDigest: string;
  readonly personal: SealedPersonalData;
  /** The import whose (wrapped) data key sealed `personal`. */
  readonly sealedBy: string;
  /** The snapshot in which this version of the household was imported. */
  readonly snapshot: number;
}

export type ImportStatus = 'running' | 'completed' | 'failed';

export interface RegistryImport {
  readonly id: string;
  readonly dryRun: boolean;
  readonly status: ImportStatus;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  /** The first errors (capped, so one item stays small); `rejected` counts them all. */
  readonly errors: readonly ImportError[];
  readonly errorsTruncated: boolean;
  /** The snapshot this import created (committed imports only). */
  readonly snapshot?: number;
  readonly wrappedDataKey?: string;
  readonly masterKeyId?: string;
  readonly completedAt?: string;
  readonly failure?: string;
}

export interface RegistrySnapshot {
  readonly version: number;
  readonly importId: string;
  readonly createdAt: string;
  readonly households: number;
  /** Potential beneficiaries per kecamatan after this import: active households of desil 1–4. */
  readonly eligibleByKecamatan: Readonly<Record<string, number>>;
}

/** What the store already holds about a NIK (by pseudonym) and a KK (by digest). */
export interface HeldHousehold {
  readonly pseudonym: string;
  readonly kkDigest: string;
  readonly kecamatan: string;
}

export interface RegistryStore {
  putImport(registryImport: RegistryImport): Promise<void>;
  getImport(id: string): Promise<RegistryImport | undefined>;

  householdsByPseudonym(pseudonyms: readonly string[]): Promise<Map<string, StoredHousehold>>;
  householdsByKk(kkDigests: readonly string[]): Promise<Map<string, HeldHousehold>>;
  /** Creates or replaces households (a re-import updates, never duplicates). */
  putHouseholds(households: readonly StoredHousehold[]): Promise<void>;

  /** Makes `snapshot` the current one; fails if another import committed since `previous`. */
  commitSnapshot(snapshot: RegistrySnapshot, previous: number): Promise<void>;
  currentSnapshot(): Promise<RegistrySnapshot | undefined>;
  eligibilityProfiles(): AsyncIterable<EligibilityProfile>;
}
