/**
 * The visitor's interface language, shared by all components. Prerendered
 * HTML is always Indonesian; the stored choice is applied once the page runs.
 */
import { isLang, LANG_STORAGE_KEY, messages, type Lang } from './i18n';

let current = $state<Lang>('id');

function apply(lang: Lang) {
  current = lang;
  document.documentElement.lang = lang;
}

export const locale = {
  get lang(): Lang {
    return current;
  },
  get t() {
    return messages[current];
  },
  /** Switch language and remember the choice. */
  set(lang: Lang) {
    apply(lang);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // storage can be unavailable (private mode, blocked cookies): keep the in-memory choice
    }
  },
  toggle() {
    this.set(current === 'id' ? 'en' : 'id');
  },
  /** Apply the remembered choice, if any. Call from onMount. */
  restore() {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(LANG_STORAGE_KEY);
    } catch {
      // ignore: fall back to Indonesian
    }
    if (isLang(stored)) apply(stored);
  },
};
