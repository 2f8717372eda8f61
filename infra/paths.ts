import path from 'node:path';

/**
 * Absolute paths the stack needs. Resolved from this file rather than the working directory so
 * `cdk synth`, vitest and a benchmark script agree no matter where they are started from.
 */
export const repoRoot = path.resolve(import.meta.dirname, '..');

export const defaultFunctionsDir = path.join(repoRoot, 'functions');

export const defaultSiteAssetPath = path.join(repoRoot, 'web', 'build');

/** NodejsFunction needs the lockfile to find the project root; pinning it avoids a cwd-dependent search. */
export const dependencyLockFile = path.join(repoRoot, 'package-lock.json');

/** Relative paths given on the command line or in props are meant relative to the repo. */
export function fromRepoRoot(target: string): string {
  return path.resolve(repoRoot, target);
}
