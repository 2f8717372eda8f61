import { readFileSync } from 'node:fs';
import path from 'node:path';

import { App } from 'aws-cdk-lib';

import { repoRoot } from '../../infra/paths.ts';
import { TerangStack, type TerangStackProps } from '../../infra/terang-stack.ts';

interface CdkJson {
  readonly context: Record<string, unknown>;
}

const cdkJson = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as CdkJson;

/** A tiny stand-in for web/build, which is not committed and may not be built when tests run. */
export const fixtureSitePath = path.join(import.meta.dirname, 'fixtures', 'site');

/**
 * Builds the stack with the feature flags `cdk synth` uses, but without running esbuild:
 * these tests check the wiring, and skipping the bundles keeps them fast.
 */
export function buildTerangStack(props: TerangStackProps = {}): { app: App; stack: TerangStack } {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stack = new TerangStack(app, 'Terang', { siteAssetPath: fixtureSitePath, ...props });
  return { app, stack };
}
