import type { HouseholdRecord } from './household.ts';

/**
 * What the registry already holds, as far as an import's duplicate checks need it. Asked in
 * batches (at most `existingLookupBatchSize` distinct, well-formed keys per call) so an
 * implementation on DynamoDB can answer with a few BatchGetItem calls instead of one read a row.
 * Keys that are not held are simply left out of the answer.
 */
export interface ExistingRegistry {
  /** The nomor KK each held NIK is registered under. */
  noKkOfNik(niks: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** The kecamatan (dotted code, `63.71.01`) each held nomor KK is registered in. */
  kecamatanOfNoKk(noKks: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

export const existingLookupBatchSize = 500;

type HeldHousehold = Pick<HouseholdRecord, 'nik' | 'noKk' | 'kodeKecamatan'>;

/** An `ExistingRegistry` over households in memory, for tests and the offline dry run. */
export class InMemoryExistingRegistry implements ExistingRegistry {
  private readonly noKkByNik = new Map<string, string>();
  private readonly kecamatanByNoKk = new Map<string, string>();

  constructor(households: Iterable<HeldHousehold> = []) {
    for (const household of households) this.add(household);
  }

  add(household: HeldHousehold): void {
    this.noKkByNik.set(household.nik, household.noKk);
    this.kecamatanByNoKk.set(household.noKk, household.kodeKecamatan);
  }

  async noKkOfNik(niks: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return pick(this.noKkByNik, niks);
  }

  async kecamatanOfNoKk(noKks: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return pick(this.kecamatanByNoKk, noKks);
  }
}

function pick(from: ReadonlyMap<string, string>, keys: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const key of keys) {
    const value = from.get(key);
    if (value !== undefined) found.set(key, value);
  }
  return found;
}
