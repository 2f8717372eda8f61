import type { DataKeyProvider } from './data-keys.ts';
import type { ExistingRegistry } from './existing-registry.ts';
import { openPersonalData } from './personal-data-cipher.ts';
import { kkDigestOf, pseudonymOf } from './pseudonym.ts';
import type { RegistryStore } from './registry-store.ts';

/**
 * The duplicate checks' view of what the store holds. The store knows households only by keyed
 * digests, so a NIK's KK is read back by opening the sealed personal data (data keys are
 * unwrapped once per import that sealed them).
 */
export class HeldRegistry implements ExistingRegistry {
  private readonly dataKeys = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly store: RegistryStore,
    private readonly keyProvider: DataKeyProvider,
    private readonly pseudonymKey: Uint8Array,
  ) {}

  async noKkOfNik(niks: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const nikByPseudonym = new Map(niks.map((nik) => [pseudonymOf(nik, this.pseudonymKey), nik]));
    const held = await this.store.householdsByPseudonym([...nikByPseudonym.keys()]);
    const found = new Map<string, string>();
    for (const household of held.values()) {
      const dataKey = await this.dataKeyOf(household.sealedBy);
      const nik = nikByPseudonym.get(household.pseudonym);
      if (nik !== undefined) found.set(nik, openPersonalData(household.personal, dataKey, household.pseudonym).noKk);
    }
    return found;
  }

  async kecamatanOfNoKk(noKks: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const noKkByDigest = new Map(noKks.map((noKk) => [kkDigestOf(noKk, this.pseudonymKey), noKk]));
    const held = await this.store.householdsByKk([...noKkByDigest.keys()]);
    const found = new Map<string, string>();
    for (const [digest, household] of held) {
      const noKk = noKkByDigest.get(digest);
      if (noKk !== undefined) found.set(noKk, household.kecamatan);
    }
    return found;
  }

  private dataKeyOf(importId: string): Promise<Uint8Array> {
    let dataKey = this.dataKeys.get(importId);
    if (!dataKey) {
      dataKey = this.store.getImport(importId).then((sealing) => {
        if (!sealing?.wrappedDataKey || !sealing.masterKeyId) throw new Error(`import ${importId} holds no data key`);
        return this.keyProvider.unwrapDataKey(sealing.wrappedDataKey, sealing.masterKeyId);
      });
      this.dataKeys.set(importId, dataKey);
    }
    return dataKey;
  }
}
