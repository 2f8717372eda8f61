import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';
import { REPORT_SCRIPT_FILE } from './src/lib/report-script.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Adds the report page's browser entry to SvelteKit's client build under a
 * fixed file name, so the prerendered page can reference it (see
 * src/routes/+page.ts for why the page does not use SvelteKit's client runtime).
 */
function reportIsland(): Plugin {
  return {
    name: 'terang:report-island',
    apply: 'build',
    buildStart() {
      if (this.environment.name !== 'client') return;
      this.emitFile({
        type: 'chunk',
        id: here('./src/routes/report.client.ts'),
        fileName: REPORT_SCRIPT_FILE,
      });
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
  server: {
    // `vite dev` only: the API comes from the local app server (infra/local, port 3000 by default).
    proxy: { '/api': process.env['TERANG_API_ORIGIN'] ?? 'http://localhost:3000' },
  },
});
