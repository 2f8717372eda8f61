import { requireRole, type Caller } from '../domain/caller.ts';
import type { CityRegions } from '../regions/city-regions.ts';
import type { DataKeyProvider } from './data-keys.ts';
import { HeldRegistry } from './held-registry.ts';
import type { HouseholdRecord } from './household.ts';
import type { ImportProgress, ImportReport } from './import-report.ts';
import { sealPersonalData } from './personal-data-cipher.ts';
import { countRegistry } from './potential-beneficiaries.ts';
import { kkDigestOf, toEligibilityProfile } from './pseudonym.ts';
import type { RegistryImport, RegistryStore, StoredHousehold } from './registry-store.ts';
import type { TextSource } from '../csv/utf8-text.ts';
import { validateRegistryCsv } from './validate-registry-csv.ts';

export interface RegistryImportDependencies {
  readonly registry: RegistryStore;
  readonly dataKeys: DataKeyProvider;
  readonly pseudonymKey: Uint8Array;
  readonly city: CityRegions;
}

export interface ImportHouseholdsOptions {
  readonly importId: string;
  readonly dryRun: boolean;
  readonly now: Date;
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** Households are written in groups, so a large file streams through in bounded memory. */
const writeBatchSize = 500;
/** How often the import's record shows progress to `GET /api/registry/imports/{id}`. */
const progressEveryMs = 2_000;
/**
 * The report lists at most this many errors (the rest are counted): it is stored with the import
 * and, as the API's response, in the idempotency record, and a DynamoDB item holds at most 400 KB.
 */
const reportedErrorLimit = 1_000;

function toStoredHousehold(
  household: HouseholdRecord,
  deps: RegistryImportDependencies,
  dataKey: Uint8Array,
  importId: string,
  snapshot: number,
): StoredHousehold {
  const profile = toEligibilityProfile(household, deps.pseudonymKey);
  return {
    ...profile,
    kelurahan: household.kodeKelurahan,
    kkDigest: kkDigestOf(household.noKk, deps.pseudonymKey),
    personal: sealPersonalData(household, dataKey, profile.pseudonym),
    sealedBy: importId,
    snapshot,
  };
}

/**
 * Validates a registry CSV and, unless it is a dry run, imports the accepted households as a new
 * registry snapshot: personal data sealed under a fresh data key, re-imported households updated
 * in place (keyed by the NIK's pseudonym), the rejected rows' report kept with the import.
 */
export async function importHouseholds(
  deps: RegistryImportDependencies,
  caller: Caller,
  source: TextSource,
  options: ImportHouseholdsOptions,
): Promise<{ registryImport: RegistryImport; report: ImportReport }> {
  requireRole(caller, 'officer');
  const current = await deps.registry.currentSnapshot();
  const snapshot = (current?.version ?? 0) + 1;
  const dataKey = options.dryRun ? undefined : await deps.dataKeys.generateDataKey();
  const started: RegistryImport = {
    id: options.importId,
    dryRun: options.dryRun,
    status: 'running',
    createdAt: options.now.toISOString(),
    createdBy: caller.sub,
    rows: 0,
    accepted: 0,
    rejected: 0,
    errors: [],
    errorsTruncated: false,
    ...(dataKey ? { wrappedDataKey: dataKey.wrapped, masterKeyId: dataKey.masterKeyId } : {}),
  };
  await deps.registry.putImport(started);

  let lastProgressWrite = Date.now();
  let pendingProgress: Promise<void> = Promise.resolve();
  const validation = validateRegistryCsv(source, {
    city: deps.city,
    existing: new HeldRegistry(deps.registry, deps.dataKeys, deps.pseudonymKey),
    maxReportedErrors: reportedErrorLimit,
    now: options.now,
    onProgress: (progress) => {
      options.onProgress?.(progress);
      if (Date.now() - lastProgressWrite < progressEveryMs) return;
      lastProgressWrite = Date.now();
      pendingProgress = deps.registry.putImport({ ...started, rows: progress.rows });
    },
  });

  try {
    let batch: StoredHousehold[] = [];
    for await (const household of validation.records()) {
      if (!dataKey) continue;
      batch.push(toStoredHousehold(household, deps, dataKey.plaintext, options.importId, snapshot));
      if (batch.length >= writeBatchSize) {
        await deps.registry.putHouseholds(batch);
        batch = [];
      }
    }
    if (dataKey && batch.length > 0) await deps.registry.putHouseholds(batch);
    await pendingProgress;
    const report = validation.report();
    if (dataKey) {
      await deps.registry.commitSnapshot(
        {
          version: snapshot,
          importId: options.importId,
          createdAt: options.now.toISOString(),
          ...(await countRegistry(deps.registry.eligibilityProfiles())),
        },
        current?.version ?? 0,
      );
    }
    const completed: RegistryImport = {
      ...started,
      status: 'completed',
      rows: report.accepted + report.rejected,
      accepted: report.accepted,
      rejected: report.rejected,
      errors: report.errors,
      errorsTruncated: (report.errorsOmitted ?? 0) > 0,
      ...(dataKey ? { snapshot } : {}),
      completedAt: new Date().toISOString(),
    };
    await deps.registry.putImport(completed);
    return { registryImport: completed, report };
  } catch (error) {
    await pendingProgress.catch(() => undefined);
    await deps.registry.putImport({
      ...started,
      status: 'failed',
      failure: error instanceof Error ? error.message : 'unknown failure',
    });
    throw error;
  }
}
