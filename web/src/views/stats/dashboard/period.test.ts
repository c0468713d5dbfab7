import { describe, expect, it } from 'vitest';
import { presetOf, presetRange } from './period';

describe('dashboard periods', () => {
  it('本月 and 本年 run to today; 上月 is the whole previous month', () => {
    expect(presetRange('month', '2026-11-27')).toEqual({ from: '2026-11-01', to: '2026-11-27' });
    expect(presetRange('year', '2026-11-27')).toEqual({ from: '2026-01-01', to: '2026-11-27' });
    expect(presetRange('last-month', '2026-03-05')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('last-month', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('a range in the URL is recognised as its preset, or custom; none is 本月', () => {
    expect(presetOf({ from: '', to: '' }, '2026-11-27')).toBe('month');
    expect(presetOf({ from: '2026-10-01', to: '2026-10-31' }, '2026-11-27')).toBe('last-month');
    expect(presetOf({ from: '2026-01-01', to: '2026-11-27' }, '2026-11-27')).toBe('year');
    expect(presetOf({ from: '2026-10-03', to: '2026-10-09' }, '2026-11-27')).toBe('custom');
  });
});
