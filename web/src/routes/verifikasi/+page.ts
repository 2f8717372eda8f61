// Prerendered as a static shell without SvelteKit's client router, like the report page
// (see ../+page.ts): the shell loads verify.client.ts, built as `_app/verify.js`.
export const csr = false;
