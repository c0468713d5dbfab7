// 适老化: large font and high contrast for public pages. The choice is kept
// in localStorage and applied as classes on <html>, so every page follows.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

export interface A11yPrefs {
  largeFont: boolean;
  highContrast: boolean;
}

const KEY = 'yichuang.a11y';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function readPrefs(storage: KeyValueStorage | undefined): A11yPrefs {
  const fallback = { largeFont: false, highContrast: false };
  if (!storage) return fallback;
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? '{}') as Partial<A11yPrefs>;
    return { largeFont: raw.largeFont === true, highContrast: raw.highContrast === true };
  } catch {
    return fallback;
  }
}

export function writePrefs(storage: KeyValueStorage | undefined, prefs: A11yPrefs): void {
  try {
    storage?.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Private browsing may refuse storage; the choice still holds for this page.
  }
}

export function applyPrefs(root: { classList: DOMTokenList | { toggle(c: string, on: boolean): unknown } }, prefs: A11yPrefs) {
  root.classList.toggle('yc-large-font', prefs.largeFont);
  root.classList.toggle('yc-high-contrast', prefs.highContrast);
}

function browserStorage(): KeyValueStorage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}

export const useAccessibilityStore = defineStore('accessibility', () => {
  const initial = readPrefs(browserStorage());
  const largeFont = ref(initial.largeFont);
  const highContrast = ref(initial.highContrast);

  function apply() {
    const prefs = { largeFont: largeFont.value, highContrast: highContrast.value };
    writePrefs(browserStorage(), prefs);
    if (typeof document !== 'undefined') applyPrefs(document.documentElement, prefs);
  }
  watch([largeFont, highContrast], apply, { immediate: true });

  return { largeFont, highContrast };
});
