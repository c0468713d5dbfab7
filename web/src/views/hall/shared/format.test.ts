import { describe, expect, it } from 'vitest';
import { formatDuration, formatMoment, shanghaiHm, slotText, todayShanghai, wholeMinutes } from './format';

describe('formatDuration', () => {
  it('says nothing when there is nothing to measure', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('writes short waits in minutes', () => {
    expect(formatDuration(0)).toBe('不到 1 分钟');
    expect(formatDuration(29_000)).toBe('不到 1 分钟');
    expect(formatDuration(31_000)).toBe('1 分钟');
    expect(formatDuration(12 * 60_000 + 10_000)).toBe('12 分钟');
    expect(formatDuration(59 * 60_000)).toBe('59 分钟');
  });

  it('writes long waits in hours and minutes', () => {
    expect(formatDuration(60 * 60_000)).toBe('1 小时');
    expect(formatDuration(65 * 60_000)).toBe('1 小时 5 分钟');
    expect(formatDuration(59 * 60_000 + 40_000)).toBe('1 小时');
    expect(formatDuration(150 * 60_000)).toBe('2 小时 30 分钟');
  });
});

describe('wholeMinutes', () => {
  it('rounds down and reads null as zero', () => {
    expect(wholeMinutes(null)).toBe(0);
    expect(wholeMinutes(119_999)).toBe(1);
    expect(wholeMinutes(120_000)).toBe(2);
  });
});

describe('Beijing times', () => {
  // 2026-11-26 01:30 UTC = 09:30 in Beijing.
  const at = Date.UTC(2026, 10, 26, 1, 30);

  it('writes slots in Beijing time', () => {
    expect(shanghaiHm(at)).toBe('09:30');
    expect(slotText(at, at + 30 * 60_000)).toBe('09:30-10:00');
    expect(shanghaiHm(Date.UTC(2026, 10, 25, 16, 0))).toBe('00:00');
  });

  it('writes moments and today', () => {
    expect(formatMoment(at)).toBe('2026-11-26 09:30:00');
    expect(formatMoment(null)).toBe('—');
    expect(todayShanghai(new Date(Date.UTC(2026, 10, 25, 16, 30)))).toBe('2026-11-26');
  });
});
