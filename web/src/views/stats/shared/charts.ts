// ECharts options of the stats pages, drawn by the staff pages' chart
// component (StaffChart.vue registers the tree-shaken bar and line charts
// these need); built here so they can be tested without a canvas.
import type { Granularity, PeriodFigures, UnitFigures } from '@/api/stats';
import type { StaffChartOption } from '@/views/staff/shared/charts';
import { chartUnit, chartValue, type Metric } from './figures';

export type StatsChartOption = StaffChartOption;

// Children side by side on one metric, in the table's order.
export function childrenChartOption(children: readonly UnitFigures[], m: Metric): StatsChartOption {
  const unit = chartUnit(m);
  return {
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: children.map((c) => c.unit.name), axisLabel: { interval: 0, rotate: children.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: unit, minInterval: m.kind === 'count' ? 1 : 0 },
    series: [{
      type: 'bar', name: m.label, barMaxWidth: 40, itemStyle: { color: '#409eff' },
      label: { show: true, position: 'top', formatter: unit === '%' ? '{c}%' : '{c}' },
      data: children.map((c) => chartValue(m, c.figures)),
    }],
  };
}

function* periodsOf(from: string, to: string, granularity: Granularity): Generator<string> {
  if (granularity === 'month') {
    let [y, mo] = from.slice(0, 7).split('-').map(Number) as [number, number];
    const last = to.slice(0, 7);
    for (;;) {
      const p = `${y}-${String(mo).padStart(2, '0')}`;
      if (p > last) return;
      yield p;
      if (++mo > 12) { mo = 1; y++; }
    }
  }
  // Whole UTC days: the dates are calendar days, not instants.
  for (let t = Date.parse(`${from}T00:00:00Z`); ; t += 86_400_000) {
    const p = new Date(t).toISOString().slice(0, 10);
    if (p > to) return;
    yield p;
  }
}

// Every period from `from` to `to`: the server lists only those with figures.
export function fillSeries(series: readonly PeriodFigures[], from: string, to: string, granularity: Granularity):
  { period: string; accepted: number; completed: number }[] {
  const byPeriod = new Map(series.map((s) => [s.period, s.figures]));
  return [...periodsOf(from, to, granularity)].map((period) => {
    const f = byPeriod.get(period);
    return { period, accepted: f?.['cases.accepted'] ?? 0, completed: f?.['cases.completed'] ?? 0 };
  });
}

// 受理 and 办结 per day (or month) over the period.
export function seriesChartOption(rows: ReturnType<typeof fillSeries>): StatsChartOption {
  return {
    grid: { left: 40, right: 16, top: 40, bottom: 32 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['受理件数', '办结件数'] },
    xAxis: { type: 'category', data: rows.map((r) => r.period.length === 10 ? r.period.slice(5) : r.period) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      // 受理 shaded beneath, 办结 dashed on top: equal days still show both.
      { type: 'line', name: '受理件数', symbolSize: 6, itemStyle: { color: '#409eff' }, lineStyle: { width: 3 },
        areaStyle: { opacity: 0.12 }, data: rows.map((r) => r.accepted) },
      { type: 'line', name: '办结件数', symbolSize: 6, itemStyle: { color: '#67c23a' }, lineStyle: { type: 'dashed' },
        data: rows.map((r) => r.completed) },
    ],
  };
}
