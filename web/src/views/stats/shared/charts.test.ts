import { describe, expect, it } from 'vitest';
import type { Figures, UnitFigures } from '@/api/stats';
import { childrenChartOption, fillSeries, seriesChartOption } from './charts';
import { METRICS } from './figures';

const f = (accepted: number, completed: number, rate: number | null = null) =>
  ({ 'cases.accepted': accepted, 'cases.completed': completed, on_time_rate: rate }) as unknown as Figures;

describe('stats charts', () => {
  it('fills the days without figures with zeros, across a month end', () => {
    const rows = fillSeries([{ period: '2026-11-01', figures: f(2, 1) }], '2026-10-30', '2026-11-02', 'day');
    expect(rows.map((r) => r.period)).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(rows[2]).toEqual({ period: '2026-11-01', accepted: 2, completed: 1 });
    expect(rows[0]).toEqual({ period: '2026-10-30', accepted: 0, completed: 0 });
  });

  it('fills months across a year end', () => {
    const rows = fillSeries([], '2025-11-01', '2026-02-28', 'month');
    expect(rows.map((r) => r.period)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('days show as MM-DD, two lines', () => {
    const o = seriesChartOption(fillSeries([], '2026-11-01', '2026-11-02', 'day'));
    expect((o.xAxis as { data: string[] }).data).toEqual(['11-01', '11-02']);
    expect((o.series as unknown[]).length).toBe(2);
  });

  it('compares children on the chosen metric, rates in percent', () => {
    const children: UnitFigures[] = [
      { unit: { code: '110101', name: '东城区', level: 2 }, figures: f(3, 2, 0.5) },
      { unit: { code: '', name: '本级', level: 1 }, figures: f(1, 1, null) },
    ];
    const o = childrenChartOption(children, METRICS.onTime);
    expect((o.xAxis as { data: string[] }).data).toEqual(['东城区', '本级']);
    expect((o.series as { data: number[] }[])[0]?.data).toEqual([50, 0]);
  });
});
