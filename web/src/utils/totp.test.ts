import { describe, expect, it } from 'vitest';
import { groupSecret, isTotpCode, normalizeRecoveryCode, normalizeTotpCode } from './totp';

describe('groupSecret', () => {
  it('groups the base32 secret by four', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('jbswy3dpehpk3pxpab')).toBe('JBSW Y3DP EHPK 3PXP AB');
  });
  it('drops padding and spaces already there', () => {
    expect(groupSecret('JBSW Y3DP====')).toBe('JBSW Y3DP');
    expect(groupSecret('')).toBe('');
  });
});

describe('TOTP codes', () => {
  it('accept six digits with the spacing apps show', () => {
    expect(isTotpCode('123456')).toBe(true);
    expect(isTotpCode('123 456')).toBe(true);
    expect(normalizeTotpCode('123-456')).toBe('123456');
    expect(isTotpCode('12345')).toBe(false);
    expect(isTotpCode('12345a')).toBe(false);
  });
  it('normalise recovery codes', () => {
    expect(normalizeRecoveryCode(' 7kq4-mx9p-2d ')).toBe('7KQ4-MX9P-2D');
  });
});
