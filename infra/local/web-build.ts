import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { repositoryRoot } from './dynamodb-local.ts';

export const webDirectory = join(repositoryRoot, 'web');
export const webBuildDirectory = join(webDirectory, 'build');

function newestModification(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function webBuildIsStale(): boolean {
  const index = join(webBuildDirectory, 'index.html');
  if (!existsSync(index)) return true;
  return newestModification(join(webDirectory, 'src')) > statSync(index).mtimeMs;
}

/** Builds the SvelteKit site with the project's own vite (and so the project's Node 24). */
export function buildWeb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repositoryRoot, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
      cwd: webDirectory,
      stdio: 'inherit',
      // Callers such as vitest set NODE_ENV=test, which would make vite build a development bundle.
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}
