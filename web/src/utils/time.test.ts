import { describe, expect, it } from 'vitest';
import { formatShanghai, shanghaiClock, shanghaiDate } from './time';

describe('formatShanghai', () => {
  it('shows UTC instants in Beijing time', () => {
    expect(formatShanghai('2025-11-24T16:00:00.000Z')).toBe('2025-11-25 00:00:00');
    expect(formatShanghai('2026-11-25T02:00:00Z')).toBe('2026-11-25 10:00:00');
  });
  it('shows a dash for garbage', () => {
    expect(formatShanghai('not a time')).toBe('—');
  });
});

describe('shanghaiClock', () => {
  it('tells the Beijing date, weekday and time of an instant', () => {
    expect(shanghaiClock(new Date('2026-11-25T16:05:09Z'))).toEqual({
      date: '2026-11-26', weekday: '星期四', time: '00:05:09',
    });
    expect(shanghaiClock(new Date('2026-11-26T03:00:00Z')).time).toBe('11:00:00');
    expect(shanghaiDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});
