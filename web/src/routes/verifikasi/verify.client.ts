/**
 * Browser entry for /verifikasi ("island"). The prerendered HTML inside #verify
 * is a static copy of <Verify> in its checking state; it is replaced by a live
 * instance that fetches /log/key and /log/checkpoint and verifies them here, in
 * the browser, with shared/log.
 */
import { mount } from 'svelte';
import Verify from './Verify.svelte';

const target = document.getElementById('verify');
if (target) {
  target.replaceChildren();
  mount(Verify, { target });
}
