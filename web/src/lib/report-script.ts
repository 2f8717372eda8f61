/**
 * Output path (inside the build, relative to its root) of the report's browser
 * entry. vite.config.ts emits src/routes/report.client.ts under this fixed name
 * (its imports are hashed, immutable chunks) and +page.svelte links to it.
 */
export const REPORT_SCRIPT_FILE = '_app/report.js';
