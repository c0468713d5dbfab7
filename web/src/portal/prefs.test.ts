import { describe, expect, it } from 'vitest';
import { readPrefs, writePrefs, type KeyValueStorage } from '@/stores/accessibility';
import { toggled } from './prefs';

function memory(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('portal 适老化 preferences', () => {
  it('flip one mode and keep the other', () => {
    const off = { largeFont: false, highContrast: false };
    expect(toggled(off, 'largeFont')).toEqual({ largeFont: true, highContrast: false });
    expect(toggled({ largeFont: true, highContrast: true }, 'highContrast')).toEqual({ largeFont: true, highContrast: false });
    expect(off).toEqual({ largeFont: false, highContrast: false });
  });

  it('are stored under the key the main app\'s public pages read', () => {
    const s = memory();
    writePrefs(s, toggled(readPrefs(s), 'largeFont'));
    expect([...s.data.keys()]).toEqual(['yichuang.a11y']);
    expect(readPrefs(s)).toEqual({ largeFont: true, highContrast: false });
  });
});
