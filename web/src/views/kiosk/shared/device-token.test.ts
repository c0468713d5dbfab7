import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from '@/stores/accessibility';
import { TOKEN_KEY, isToken, readToken, tokenFromHash, writeToken } from './device-token';

function memory(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => { data.set(k, v); },
  };
}

const TOKEN = 'k7Q2-x_9AbCdEfGhIjKlMnOp';

describe('tokenFromHash', () => {
  it('reads the token of a pairing link', () => {
    expect(tokenFromHash(`#${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromHash(`#token=${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromHash(TOKEN)).toBe(TOKEN);
    expect(tokenFromHash(`#${encodeURIComponent('abc+/=defgh')}`)).toBe('abc+/=defgh');
  });

  it('refuses what is not a token', () => {
    expect(tokenFromHash('')).toBe('');
    expect(tokenFromHash('#')).toBe('');
    expect(tokenFromHash('#short')).toBe('');
    expect(tokenFromHash('#has space in it')).toBe('');
    expect(tokenFromHash('#%E0%A4%A')).toBe('');  // broken escape
    expect(tokenFromHash(`#${'a'.repeat(513)}`)).toBe('');
    expect(isToken('<script>alert(1)</script>')).toBe(false);
  });
});

describe('token storage', () => {
  it('keeps a token and reads it back', () => {
    const s = memory();
    expect(readToken(s)).toBe('');
    expect(writeToken(s, TOKEN)).toBe(true);
    expect(s.data.get(TOKEN_KEY)).toBe(TOKEN);
    expect(readToken(s)).toBe(TOKEN);
  });

  it('does not keep or return something that is not a token', () => {
    const s = memory();
    expect(writeToken(s, 'no')).toBe(false);
    expect(s.data.size).toBe(0);
    s.data.set(TOKEN_KEY, 'bad token');
    expect(readToken(s)).toBe('');
  });

  it('reports a browser that refuses storage, and reads nothing from it', () => {
    const refusing: KeyValueStorage = {
      getItem: () => { throw new Error('SecurityError'); },
      setItem: () => { throw new Error('QuotaExceededError'); },
    };
    expect(writeToken(refusing, TOKEN)).toBe(false);
    expect(readToken(refusing)).toBe('');
    expect(writeToken(undefined, TOKEN)).toBe(false);
    expect(readToken(undefined)).toBe('');
  });
});
