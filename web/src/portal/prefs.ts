// 适老化 in the portal: large font and high contrast, remembered in
// localStorage and applied as classes on <html>. The storage key and the
// classes are those of stores/accessibility.ts, so a choice made on the
// portal holds on the public pages of the main app too (same origin), and the
// other way round; the portal reuses its pure helpers without Pinia.
import { ref, watch, type Ref } from 'vue';
import { applyPrefs, readPrefs, writePrefs, type A11yPrefs, type KeyValueStorage } from '@/stores/accessibility';

export type { A11yPrefs, KeyValueStorage };

export type PrefName = keyof A11yPrefs;

// The preferences after flipping one of them.
export function toggled(prefs: A11yPrefs, name: PrefName): A11yPrefs {
  return { ...prefs, [name]: !prefs[name] };
}

function browserStorage(): KeyValueStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;  // storage refused (some privacy settings throw on access)
  }
}

// Applies the stored choice at once (before the first paint of the app).
export function applyStoredPrefs(): A11yPrefs {
  const prefs = readPrefs(browserStorage());
  if (typeof document !== 'undefined') applyPrefs(document.documentElement, prefs);
  return prefs;
}

let shared: Ref<A11yPrefs> | null = null;

// The preferences as one reactive value; a change is stored and applied.
export function usePrefs(): { prefs: Ref<A11yPrefs>; toggle: (name: PrefName) => void } {
  if (!shared) {
    const prefs = ref<A11yPrefs>(readPrefs(browserStorage()));
    watch(prefs, (p) => {
      writePrefs(browserStorage(), p);
      if (typeof document !== 'undefined') applyPrefs(document.documentElement, p);
    }, { immediate: true });
    shared = prefs;
  }
  const prefs = shared;
  return { prefs, toggle: (name) => { prefs.value = toggled(prefs.value, name); } };
}
