import type { Messages } from '../lib/i18n';

/** Document title, shared by the prerendered shell and the running page. */
export function pageTitle(t: Messages, cityName?: string): string {
  return `${t.pageTitle}${cityName ? ` – ${cityName}` : ''} · ${t.siteName}`;
}
