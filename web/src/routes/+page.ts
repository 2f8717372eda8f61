// The page is prerendered as a static shell and does NOT use SvelteKit's client
// router: SvelteKit's client runtime alone is ~18 KB gzipped, which together with
// Svelte's runtime breaks the 30 KB budget. Instead the shell loads one small
// script (report.client.ts, built as `_app/report.js` by the plugin in
// vite.config.ts) that mounts the same <Report> component and fetches the data.
export const csr = false;
