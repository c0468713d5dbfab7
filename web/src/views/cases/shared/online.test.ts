import { describe, expect, it } from 'vitest';
import { agoText, awaitsPrecheck, claimOf, isUnclaimed } from './online';

describe('claimOf', () => {
  it('tells an untaken online case from one taken by me or by another clerk', () => {
    expect(isUnclaimed({ intake_by: null })).toBe(true);
    expect(claimOf({ intake_by: null }, 7)).toBe('unclaimed');
    expect(claimOf({ intake_by: 7 }, 7)).toBe('mine');
    expect(claimOf({ intake_by: 8 }, 7)).toBe('taken');
    expect(claimOf({ intake_by: 8 }, null)).toBe('taken');
  });
});

describe('awaitsPrecheck', () => {
  it('is an online case still in intake', () => {
    expect(awaitsPrecheck({ channel: 'online', status: 'intake' })).toBe(true);
    expect(awaitsPrecheck({ channel: 'online', status: 'notified' })).toBe(false);
    expect(awaitsPrecheck({ channel: 'window', status: 'intake' })).toBe(false);
  });
});

describe('agoText', () => {
  const now = Date.UTC(2026, 0, 10, 8, 0, 0);
  it('says how long ago, coarsely', () => {
    expect(agoText(now - 20_000, now)).toBe('刚刚');
    expect(agoText(now + 60_000, now)).toBe('刚刚');  // a clock a little ahead
    expect(agoText(now - 5 * 60_000, now)).toBe('5 分钟前');
    expect(agoText(now - 3 * 3_600_000, now)).toBe('3 小时前');
    expect(agoText(now - 50 * 3_600_000, now)).toBe('2 天前');
  });
});
