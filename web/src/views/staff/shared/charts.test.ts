import { describe, expect, it } from 'vitest';
import type { Capacity, CapacityHour, UnitCompliance } from '@/api/staff';
import { capacityChartOption, capacityHours, shortHours, unitViolationChartOption, violationChartOption } from './charts';

const hour = (h: number, arrivals: number, needed: number): CapacityHour =>
  ({ hour: h, arrivals, mean_service_seconds: 600, windows_needed: needed, service_level: 0.8, mean_wait_seconds: 120 });

const capacity: Capacity = {
  site_id: 1, day: '2026-11-26', target_share: 0.8, target_wait_minutes: 15, windows_open: 3, staff_on_roster: 4,
  hours: [hour(7, 0, 0), hour(9, 12, 2), hour(11, 30, 5), hour(18, 0, 0)],
};

describe('capacity chart', () => {
  it('shows the working day, widened to hours with arrivals, gaps as zero', () => {
    const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
    expect(capacityHours(capacity.hours).map((h) => h.hour)).toEqual(range(8, 17));
    expect(capacityHours(capacity.hours)[2]?.arrivals).toBe(0);
    expect(capacityHours([]).map((h) => h.hour)).toEqual(range(8, 17));
    expect(capacityHours([hour(7, 3, 1), hour(19, 1, 1)]).map((h) => h.hour)).toEqual(range(7, 19));
  });

  it('draws arrivals, windows needed and open, and the roster as a mark line', () => {
    const o = capacityChartOption(capacity);
    const series = o.series as { name: string; data: number[]; markLine?: { data: { yAxis: number }[] } }[];
    expect(series.map((s) => s.name)).toEqual(['到达人数', '所需窗口', '开放窗口']);
    expect(series[0]?.data).toEqual([0, 12, 0, 30, 0, 0, 0, 0, 0, 0]);
    expect(series[1]?.data).toEqual([0, 2, 0, 5, 0, 0, 0, 0, 0, 0]);
    expect(series[2]?.data).toEqual(Array(10).fill(3));
    expect(series[2]?.markLine?.data).toEqual([{ yAxis: 4 }]);
    expect(shortHours(capacity)).toEqual([11]);
  });
});

describe('violation chart', () => {
  it('puts the most frequent rule on top', () => {
    const o = violationChartOption([{ rule: 'training_days', label: '培训不足5天', count: 3 }, { rule: 'rotation_due', label: '轮岗预警', count: 1 }]);
    expect((o.yAxis as { data: string[] }).data).toEqual(['轮岗预警', '培训不足5天']);
    expect((o.series as { data: unknown[] }[])[0]?.data).toEqual([
      { value: 1, itemStyle: { color: '#e6a23c' } }, { value: 3, itemStyle: { color: '#f56c6c' } }]);
  });
});

describe('unit violation chart', () => {
  const unit = (code: string, name: string, violations: number): UnitCompliance => ({
    unit_code: code, unit_name: name, level: 3, sites: 1, windows: 4, staff: 5, formal_staff: 3, on_post_rate: 1,
    sites_with_violations: violations > 0 ? 1 : 0, people_with_violations: violations, violations,
  });

  it('keeps the table order from the top, units without violations green', () => {
    const o = unitViolationChartOption([unit('110101001', '东华门街道', 3), unit('110101002', '景山街道', 0)]);
    expect((o.yAxis as { data: string[] }).data).toEqual(['景山街道', '东华门街道']);
    expect((o.series as { data: unknown[] }[])[0]?.data).toEqual([
      { value: 0, itemStyle: { color: '#67c23a' } }, { value: 3, itemStyle: { color: '#f56c6c' } }]);
  });
});
