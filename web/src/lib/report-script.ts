/**
 * Output paths (inside the build, relative to its root) of the pages' browser
 * entries ("islands"). vite.config.ts emits each src/routes/…client.ts under
 * its fixed name (their imports are hashed, immutable chunks) and the pages
 * link to them.
 */
export const REPORT_SCRIPT_FILE = '_app/report.js';

/** The /verifikasi page's entry, built from src/routes/verifikasi/verify.client.ts. */
export const VERIFY_SCRIPT_FILE = '_app/verify.js';
