import path from 'node:path';

import type { BuildOptions } from 'esbuild';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

import { repoRoot } from './paths.ts';

/**
 * Some CommonJS dependencies call `require()` at run time; an ESM bundle has no `require`, so one
 * is rebuilt from `import.meta.url`. The import is aliased so it cannot clash with a
 * `createRequire` import that esbuild hoists out of a bundled dependency.
 */
const esmRequireShim =
  "import { createRequire as __terangCreateRequire } from 'node:module'; const require = __terangCreateRequire(import.meta.url);";

/**
 * Lambda always hands the role's credentials to the function in environment variables, so the SDK's
 * full default chain (SSO, INI, process, IMDS: ~90 KB minified) is dead code there. The replacement
 * lives with the handlers, in functions/lib/lambda-credentials.ts.
 */
const lambdaModuleAliases: Record<string, string> = {
  '@aws-sdk/credential-provider-node': path.join(repoRoot, 'functions', 'lib', 'lambda-credentials.ts'),
};

/**
 * The esbuild settings every Lambda is bundled with. Exported on its own so a benchmark script can
 * call `esbuild.build({ ...lambdaEsbuildOptions, entryPoints, outfile })` and measure exactly what
 * ships. The AWS SDK is bundled on purpose: a tree-shaken, minified SDK starts faster than the
 * runtime's copy and pins the version we tested against.
 */
export const lambdaEsbuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  // No source maps: --enable-source-maps slows cold starts and every error stack. Turn both this and
  // NODE_OPTIONS=--enable-source-maps on together if production debugging ever needs them.
  sourcemap: false,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  external: [],
  alias: lambdaModuleAliases,
  banner: { js: esmRequireShim },
} satisfies BuildOptions;

/** The same settings in the shape NodejsFunction wants. CDK always passes `--platform=node` itself. */
export const cdkBundlingOptions: BundlingOptions = {
  format: OutputFormat.ESM,
  target: lambdaEsbuildOptions.target,
  minify: lambdaEsbuildOptions.minify,
  sourceMap: lambdaEsbuildOptions.sourcemap,
  sourcesContent: lambdaEsbuildOptions.sourcesContent,
  mainFields: [...lambdaEsbuildOptions.mainFields],
  externalModules: [...lambdaEsbuildOptions.external],
  bundleAwsSDK: true,
  banner: lambdaEsbuildOptions.banner.js,
  esbuildArgs: {
    '--alias': Object.entries(lambdaEsbuildOptions.alias).map(([module, replacement]) => `${module}=${replacement}`),
  },
  // Synth must work offline and on machines without Docker.
  forceDockerBundling: false,
};
