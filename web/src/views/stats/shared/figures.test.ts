import { describe, expect, it } from 'vitest';
import type { Figures } from '@/api/stats';
import { chartValue, formatMetric, METRICS, summaryRow } from './figures';

const figures = {
  'cases.accepted': 12, 'cases.overdue': 0, on_time_rate: 0.9166, good_rate: null, avg_wait_minutes: 7.25,
} as unknown as Figures;

describe('stats figures', () => {
  it('counts as they are, rates as percentages, minutes to one place, nothing as a dash', () => {
    expect(formatMetric(METRICS.accepted, figures)).toBe('12');
    expect(formatMetric(METRICS.overdue, figures)).toBe('0');
    expect(formatMetric(METRICS.onTime, figures)).toBe('91.7%');
    expect(formatMetric(METRICS.good, figures)).toBe('—');
    expect(formatMetric(METRICS.wait, figures)).toBe('7.3');
  });

  it('charts draw percentages and a missing rate as zero', () => {
    expect(chartValue(METRICS.onTime, figures)).toBe(91.7);
    expect(chartValue(METRICS.good, figures)).toBe(0);
    expect(chartValue(METRICS.accepted, figures)).toBe(12);
  });

  it('the 合计 row fills the label columns and then the totals', () => {
    expect(summaryRow([METRICS.accepted, METRICS.onTime], figures, 2)).toEqual(['合计', '', '12', '91.7%']);
  });
});
