import { describe, expect, it } from 'vitest';
import { accountStatusTags } from './status';

const now = Date.parse('2026-03-01T08:00:00Z');
const base = { active: true, locked_until: null, must_change_password: false, totp_enabled: false };
const texts = (a: typeof base | Record<string, unknown>) =>
  accountStatusTags({ ...base, ...a }, now).map((t) => t.text);

describe('accountStatusTags', () => {
  it('says 正常 for an ordinary account', () => {
    expect(texts({})).toEqual(['正常']);
  });
  it('lists every condition, most serious first', () => {
    expect(texts({ active: false, locked_until: '2026-03-01T08:30:00Z', must_change_password: true, totp_enabled: true }))
      .toEqual(['停用', '锁定', '需改密', '已绑定动态口令']);
  });
  it('treats a lock that has run out as no lock', () => {
    expect(texts({ locked_until: '2026-03-01T07:59:59Z' })).toEqual(['正常']);
    expect(texts({ locked_until: 'garbage' })).toEqual(['正常']);
  });
});
