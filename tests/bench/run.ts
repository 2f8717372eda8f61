import { measureBundles } from './bundles.ts';
import { measurePublicLog } from './public-log.ts';
import { measureAllocation } from './allocation.ts';
import { measureApproval } from './approval.ts';
import { measureConfirmThroughput } from './confirm-throughput.ts';
import { measureRegistryImport } from './registry-import.ts';
import { measureSiteScript } from './site-script.ts';

/**
 * `npm run bench`: the figures the issues set targets for, printed as tables. Targets are shown
 * beside the figures; the bench reports, it does not fail a build.
 */
const importRuns = Number(process.env['BENCH_IMPORT_RUNS'] ?? 15);
const confirmCount = Number(process.env['BENCH_CONFIRMS'] ?? 1000);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const registryRows = Number(process.env['BENCH_REGISTRY_ROWS'] ?? 1_000_000);

const bundleTarget = 400 * 1024;
const importTargetMs = 60;

console.log(`Node ${process.version} on ${process.arch}\n`);
console.log(`Lambda bundles (esbuild, same options as CDK; import = median of ${importRuns} cold processes)`);
const bundles = await measureBundles(importRuns);
console.table(
  bundles.map((bundle) => ({
    function: bundle.name,
    'size KB': (bundle.bytes / 1024).toFixed(1),
    '≤ 400 KB': bundle.bytes <= bundleTarget ? 'yes' : 'NO',
    'import ms': bundle.medianImportMs.toFixed(1),
    '≤ 60 ms': bundle.medianImportMs <= importTargetMs ? 'yes' : 'NO',
  })),
);

console.log(
  `\nConfirm-contribution throughput vs raw PutItem (${confirmCount} each, concurrency ${concurrency}, DynamoDB Local)`,
);
const throughput = await measureConfirmThroughput(confirmCount, concurrency);
console.table([
  {
    'confirms/s': throughput.confirmsPerSecond.toFixed(0),
    'PutItem/s': throughput.putsPerSecond.toFixed(0),
    ratio: throughput.ratio.toFixed(2),
    'reads/confirm': throughput.readsPerConfirm.toFixed(2),
    'write round trips/confirm': throughput.writesPerConfirm.toFixed(2),
  },
]);

console.log(`\nPublic site: JavaScript the report page loads (gzip -9)`);
const site = await measureSiteScript();
console.table([
  {
    files: site.files,
    'raw KB': (site.rawBytes / 1024).toFixed(1),
    'gzip KB': (site.gzipBytes / 1024).toFixed(1),
    '≤ 30 KB': site.gzipBytes <= 30 * 1024 ? 'yes' : 'NO',
  },
]);

console.log(`\nRegistry CSV validation, streaming (${registryRows.toLocaleString('en')} rows, child process)`);
const registry = await measureRegistryImport(registryRows);
console.table([
  {
    rows: registry.rows,
    MB: registry.megabytes.toFixed(1),
    seconds: (registry.ms / 1000).toFixed(1),
    'rows/s': Math.round(registry.rowsPerSecond),
    'peak RSS MB': Math.round(registry.peakRssMb),
    '≤ 30 s': registry.ms <= 30_000 ? 'yes' : 'NO',
    '≤ 1 GB': registry.peakRssMb <= 1024 ? 'yes' : 'NO',
  },
]);

const allocationHouseholds = Number(process.env['BENCH_ALLOCATION_HOUSEHOLDS'] ?? 10_000_000);
const allocationKecamatan = Number(process.env['BENCH_ALLOCATION_KECAMATAN'] ?? 7_285);
console.log(
  `\nAllocation engine (${allocationHouseholds.toLocaleString('en')} households, ${allocationKecamatan.toLocaleString('en')} kecamatan, child processes)`,
);
const allocation = await measureAllocation(allocationHouseholds, allocationKecamatan);
console.table([
  {
    'parse CSV s': (allocation.parseMs / 1000).toFixed(1),
    'load s': (allocation.loadMs / 1000).toFixed(1),
    'allocate s': (allocation.allocateMs / 1000).toFixed(1),
    'engine s': (allocation.engineMs / 1000).toFixed(1),
    'engine ÷ parse': (allocation.engineMs / allocation.parseMs).toFixed(2),
    'peak RSS MB': Math.round(allocation.peakRssMb),
    eligible: allocation.eligible,
    lines: allocation.lines,
    'allocate ≤ 10 s': allocation.allocateMs <= 10_000 ? 'yes' : 'NO',
    '≤ 2 GB': allocation.peakRssMb <= 2048 ? 'yes' : 'NO',
  },
]);

const approvalHouseholds = Number(process.env['BENCH_APPROVAL_HOUSEHOLDS'] ?? 10_000);
console.log(
  `\nApproving one proposal of ${approvalHouseholds.toLocaleString('en')} households (use case on DynamoDB Local, child process)`,
);
const approval = await measureApproval(approvalHouseholds);
console.table([
  {
    lines: approval.lines,
    'approve s': (approval.approveMs / 1000).toFixed(1),
    'ms per chunk': (approval.approveMs / Math.max(1, approval.chunks + 1)).toFixed(0),
    'reservation chunks': approval.chunks,
    'transactions (round trips)': approval.transactions,
    'reads (round trips)': approval.reads,
    'other writes': approval.otherWrites,
  },
]);

const logSequenced = Number(process.env['BENCH_LOG_SEQUENCED'] ?? 50_000);
const logVerified = Number(process.env['BENCH_LOG_VERIFIED'] ?? 1_000_000);
console.log(
  `\nPublic log (child process): sequencer on ${logSequenced.toLocaleString('en')} stream records (DynamoDB Local, tiles to a directory); terang verify on a ${logVerified.toLocaleString('en')}-entry log`,
);
const publicLog = await measurePublicLog(logSequenced, logVerified);
const sequencedPerSecond = publicLog.sequencedEntries / (publicLog.sequenceMs / 1000);
console.table([
  {
    'sequenced entries/s': sequencedPerSecond.toFixed(0),
    '≥ 20,000/s': sequencedPerSecond >= 20_000 ? 'yes' : 'NO',
    'stream read s (before)': (publicLog.streamReadMs / 1000).toFixed(1),
    'verify s': (publicLog.verifyMs / 1000).toFixed(1),
    'verify exit': publicLog.verifyExitCode,
    '≤ 30 s': publicLog.verifyMs <= 30_000 && publicLog.verifyExitCode === 0 ? 'yes' : 'NO',
    'inclusion proof µs': publicLog.inclusionVerifyMicros.toFixed(1),
    '< 1 ms': publicLog.inclusionVerifyMicros < 1000 ? 'yes' : 'NO',
    'receipt (with signature) µs': publicLog.receiptVerifyMicros.toFixed(0),
  },
]);
