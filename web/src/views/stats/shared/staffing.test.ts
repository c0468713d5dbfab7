import { describe, expect, it } from 'vitest';
import type { StaffingFigures } from '@/api/stats';
import { LEDGER_STAFF_COLUMNS, panelLines, STAFF_COLUMNS, staffSummaryRow } from './staffing';

const figures = (over: Partial<StaffingFigures> = {}): StaffingFigures => ({
  roster: 3, formal: 1, sites: 1, windows: 3, window_staff: 3, staff_per_window: 1, below_ratio: true,
  sites_below_ratio: 1, on_post_days: 19, due_days: 20, on_post_rate: 0.95, on_post_below: true,
  high_risk_non_formal: 1, rotation_over: 0, rotation_due: 0, incompatible: 0, sessions: 1, people_trained: 2,
  training_days: 4.5, trained_5_days: 1, ...over,
});

describe('stats staffing', () => {
  it('1.0 per window is flagged below the 1.2 of 三(七), 1.33 is not', () => {
    expect(STAFF_COLUMNS.perWindow.format(figures())).toBe('1.00');
    expect(STAFF_COLUMNS.perWindow.alert?.(figures())).toBe(true);
    const ok = figures({ window_staff: 4, staff_per_window: 4 / 3, below_ratio: false, sites_below_ratio: 0 });
    expect(STAFF_COLUMNS.perWindow.format(ok)).toBe('1.33');
    expect(STAFF_COLUMNS.perWindow.alert?.(ok)).toBe(false);
  });

  it('the panel judges each rule, and says nothing without data', () => {
    const lines = panelLines(figures());
    expect(lines.map((l) => [l.key, l.tone])).toEqual([
      ['per-window', 'bad'], ['on-post', 'bad'], ['training', 'bad'], ['posts', 'bad']]);
    expect(lines[0]?.rule).toContain('1个场所不足');
    expect(lines[3]?.value).toBe('1 处');
    const empty = panelLines(figures({
      roster: 0, windows: 0, window_staff: 0, staff_per_window: null, below_ratio: false, sites_below_ratio: 0,
      on_post_rate: null, on_post_below: false, high_risk_non_formal: 0, trained_5_days: 0,
    }));
    expect(empty.map((l) => l.tone)).toEqual(['none', 'none', 'none', 'none']);
  });

  it('the 合计 row formats the totals column by column', () => {
    const row = staffSummaryRow(LEDGER_STAFF_COLUMNS, figures(), 2);
    expect(row.slice(0, 3)).toEqual(['合计', '', '3']);
    expect(row).toContain('95.0%');
    expect(row).toContain('4.5');
    expect(row.at(-1)).toBe('1/3');
  });
});
