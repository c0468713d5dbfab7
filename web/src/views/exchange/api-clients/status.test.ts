import { describe, expect, it } from 'vitest';
import { apiClientStatus, expiryText, firstExpiryDay, minuteText, pickerDay, scopeLabel, tokenHint } from './status';

// 2026-11-27 10:00 in Beijing.
const NOW = Date.UTC(2026, 10, 27, 2, 0, 0);

describe('status of a client', () => {
  it('is active without revocation or expiry, and before its expiry', () => {
    expect(apiClientStatus({ revoked_at: null, expires_at: null }, NOW)).toBe('active');
    expect(apiClientStatus({ revoked_at: null, expires_at: NOW + 1 }, NOW)).toBe('active');
  });

  it('is expired from expires_at on', () => {
    expect(apiClientStatus({ revoked_at: null, expires_at: NOW }, NOW)).toBe('expired');
    expect(apiClientStatus({ revoked_at: null, expires_at: NOW - 86_400_000 }, NOW)).toBe('expired');
  });

  it('is revoked once revoked, expired or not', () => {
    expect(apiClientStatus({ revoked_at: NOW - 1, expires_at: null }, NOW)).toBe('revoked');
    expect(apiClientStatus({ revoked_at: NOW - 1, expires_at: NOW - 2 }, NOW)).toBe('revoked');
    expect(apiClientStatus({ revoked_at: NOW - 1, expires_at: NOW + 86_400_000 }, NOW)).toBe('revoked');
  });
});

describe('expiry', () => {
  it('names the last Beijing day it works, or none', () => {
    // The server's expires_at for 2026-12-31: the end of that day in Beijing.
    const endOfDay = Date.UTC(2026, 11, 31, 16, 0, 0);
    expect(expiryText(endOfDay)).toBe('2026-12-31');
    expect(expiryText(null)).toBe('长期');
  });

  it('can be chosen from tomorrow in Beijing on', () => {
    expect(firstExpiryDay(new Date(NOW))).toBe('2026-11-28');
    // 23:30 on the 27th in Beijing.
    expect(firstExpiryDay(new Date(Date.UTC(2026, 10, 27, 15, 30)))).toBe('2026-11-28');
    // 00:30 on the 28th in Beijing, still the 27th in UTC.
    expect(firstExpiryDay(new Date(Date.UTC(2026, 10, 27, 16, 30)))).toBe('2026-11-29');
  });

  it('reads the picker date as the calendar day shown', () => {
    expect(pickerDay(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});

describe('words', () => {
  it('writes moments to the minute in Beijing', () => {
    expect(minuteText(NOW + 5_000)).toBe('2026-11-27 10:00');
    expect(minuteText(null)).toBe('—');
  });

  it('labels known scopes and keeps unknown ones', () => {
    expect(scopeLabel('cases.read')).toBe('读取办件');
    expect(scopeLabel('stats.read')).toBe('读取统计与台账');
    expect(scopeLabel('catalog.read')).toBe('catalog.read');
  });

  it('shows only the start of a token', () => {
    expect(tokenHint('yc_abc1234')).toBe('yc_abc1234…');
  });
});
