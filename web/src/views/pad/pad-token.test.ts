import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from '@/stores/accessibility';
import { TOKEN_KEY } from '@/views/kiosk/shared/device-token';
import { PAD_TOKEN_KEY, readPadToken, writePadToken } from './pad-token';

function memory(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => { data.set(k, v); } };
}

describe('the pad token', () => {
  it('is kept apart from the kiosk token', () => {
    const s = memory();
    s.data.set(TOKEN_KEY, 'kiosk-token-1234');
    expect(readPadToken(s)).toBe('');
    expect(writePadToken('pad-token-5678', s)).toBe(true);
    expect(s.data.get(PAD_TOKEN_KEY)).toBe('pad-token-5678');
    expect(s.data.get(TOKEN_KEY)).toBe('kiosk-token-1234');
    expect(readPadToken(s)).toBe('pad-token-5678');
  });

  it('refuses what is not a token, and a browser without storage', () => {
    const s = memory();
    expect(writePadToken('no', s)).toBe(false);
    expect(readPadToken(undefined)).toBe('');
    expect(writePadToken('pad-token-5678', undefined)).toBe(false);
  });
});
