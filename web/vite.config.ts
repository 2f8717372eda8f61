import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, searchForWorkspaceRoot, type Plugin } from 'vite';
import { REPORT_SCRIPT_FILE, VERIFY_SCRIPT_FILE } from './src/lib/report-script.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const reportModules = /\/node_modules\/svelte\/|\/web\/src\/(lib|routes)\/[^/]+\.(ts|svelte)$/u;
const verifierModules = /\/web\/src\/lib\/(log-verify|verify-i18n)\.ts$/u;
const inReportChunk = (id: string) => reportModules.test(id) && !verifierModules.test(id);

/** Each page's browser entry and the fixed file name its prerendered HTML links to. */
const islands = [
  { id: here('./src/routes/report.client.ts'), fileName: REPORT_SCRIPT_FILE },
  { id: here('./src/routes/verifikasi/verify.client.ts'), fileName: VERIFY_SCRIPT_FILE },
];

/**
 * Adds the pages' browser entries to SvelteKit's client build under fixed file
 * names, so the prerendered pages can reference them (see src/routes/+page.ts
 * for why the pages do not use SvelteKit's client runtime). Each page loads
 * only its own entry: the verifier's log code never reaches the report page.
 */
function reportIsland(): Plugin {
  return {
    name: 'terang:report-island',
    apply: 'build',
    buildStart() {
      if (this.environment.name !== 'client') return;
      for (const island of islands) this.emitFile({ type: 'chunk', ...island });
    },
  };
}

export default defineConfig({
  plugins: [
    // SvelteKit 3 no longer reads svelte.config.js: its options go here.
    sveltekit({
      adapter: adapter({ pages: here('./build'), assets: here('./build'), strict: true }),
      // Emitted as a <meta http-equiv> in the prerendered HTML. The page has no inline
      // scripts or styles and talks only to its own origin. (frame-ancestors cannot be
      // set from a meta tag: the server should send it as a header.)
      csp: {
        mode: 'hash',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self'],
          'img-src': ['self', 'data:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
        },
      },
    }),
    reportIsland(),
  ],
  environments: {
    client: {
      build: {
        rolldownOptions: {
          output: {
            // Everything the report page runs (Svelte's runtime, src/lib, the report's components) in
            // one chunk: left to itself, the bundler would split the
            // modules both pages share into a chunk of their own, which costs the report's 30 KB budget
            // ~0.6 KB. The verifier's own code (shared/log, log-verify, Verify.svelte) stays out of it.
            codeSplitting: { groups: [{ name: 'report', test: inReportChunk }] },
          },
        },
      },
    },
  },
  server: {
    // `vite dev` only: /verifikasi imports the isomorphic log code from ../shared/log.
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), here('../shared/log')] },
    // `vite dev` only: the API comes from the local app server (infra/local, port 3000 by default).
    proxy: {
      '/api': process.env['TERANG_API_ORIGIN'] ?? 'http://localhost:3000',
      '/log': process.env['TERANG_API_ORIGIN'] ?? 'http://localhost:3000',
    },
  },
});
