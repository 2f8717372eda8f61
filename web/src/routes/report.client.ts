/**
 * Browser entry for the transparency report ("island"). The prerendered HTML
 * inside #report is a static copy of <Report> in its loading state; it is
 * replaced by a live instance that fetches data from /api/public/*.
 */
import { mount } from 'svelte';
import Report from './Report.svelte';

const target = document.getElementById('report');
if (target) {
  target.replaceChildren();
  mount(Report, { target });
}
