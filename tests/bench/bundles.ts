import { spawnSync } from 'node:child_process';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { build } from 'esbuild';

import { routes } from '../../functions/routes.ts';
import { lambdaEsbuildOptions } from '../../infra/bundling.ts';
import { repositoryRoot } from '../../infra/local/dynamodb-local.ts';

export interface BundleFigures {
  readonly name: string;
  readonly bytes: number;
  readonly medianImportMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Cold module import of one bundle in a fresh Node process, as a Lambda init would do it. */
function importTimeMs(bundle: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(bundle)}); process.stdout.write(String(performance.now() - t));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    // What CDK sets on the functions (the buckets only matter to the evidence upload and the log's reads).
    env: {
      ...process.env,
      TERANG_TABLE_NAME: 'bench',
      TERANG_EVIDENCE_BUCKET: 'bench-evidence',
      TERANG_LOG_BUCKET: 'bench-log',
      AWS_REGION: 'ap-southeast-3',
    },
  });
  if (result.status !== 0) throw new Error(`importing ${bundle} failed: ${result.stderr}`);
  return Number(result.stdout);
}

/** Functions that serve no route: the stream-driven sequencer. */
const backgroundFunctions = [{ name: 'SequenceLedger (stream)', entry: 'log/sequence-ledger.ts' }];

/** Bundles every function's handler exactly as CDK does and measures size and import time. */
export async function measureBundles(importRuns: number): Promise<BundleFigures[]> {
  const outDirectory = await mkdtemp(join(tmpdir(), 'terang-bench-'));
  const figures: BundleFigures[] = [];
  for (const route of [...routes, ...backgroundFunctions]) {
    const outfile = join(outDirectory, `${route.name.replace(/\W+/g, '-')}.mjs`);
    await build({
      ...lambdaEsbuildOptions,
      entryPoints: [join(repositoryRoot, 'functions', route.entry)],
      outfile,
      logLevel: 'error',
    });
    const { size } = await stat(outfile);
    importTimeMs(outfile); // warm the file cache once
    const times = Array.from({ length: importRuns }, () => importTimeMs(outfile));
    figures.push({ name: route.name, bytes: size, medianImportMs: median(times) });
  }
  return figures;
}
