import { describe, expect, it } from 'vitest';
import { applyPrefs, readPrefs, writePrefs, type KeyValueStorage } from './accessibility';

function memory(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('accessibility preferences', () => {
  it('default to off and round-trip through storage', () => {
    const s = memory();
    expect(readPrefs(s)).toEqual({ largeFont: false, highContrast: false });
    writePrefs(s, { largeFont: true, highContrast: false });
    expect(readPrefs(s)).toEqual({ largeFont: true, highContrast: false });
  });

  it('survive garbage in storage', () => {
    const s = memory();
    s.setItem('yichuang.a11y', '{not json');
    expect(readPrefs(s)).toEqual({ largeFont: false, highContrast: false });
    expect(readPrefs(undefined)).toEqual({ largeFont: false, highContrast: false });
  });

  it('become classes on the root element', () => {
    const classes = new Set<string>();
    const root = { classList: { toggle: (c: string, on: boolean) => (on ? classes.add(c) : classes.delete(c)) } };
    applyPrefs(root, { largeFont: true, highContrast: true });
    expect([...classes].sort()).toEqual(['yc-high-contrast', 'yc-large-font']);
    applyPrefs(root, { largeFont: false, highContrast: true });
    expect([...classes]).toEqual(['yc-high-contrast']);
  });
});
