import { measureBundles } from './bundles.ts';
import { measureConfirmThroughput } from './confirm-throughput.ts';

/**
 * `npm run bench`: the figures the issues set targets for, printed as tables. Targets are shown
 * beside the figures; the bench reports, it does not fail a build.
 */
const importRuns = Number(process.env['BENCH_IMPORT_RUNS'] ?? 15);
const confirmCount = Number(process.env['BENCH_CONFIRMS'] ?? 1000);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 8);

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
