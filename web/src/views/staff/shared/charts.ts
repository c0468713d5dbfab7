// ECharts options of the staff pages (only the parts they use), built here so
// they can be tested without a canvas.
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption,
} from 'echarts/components';
import type { Capacity, CapacityHour, UnitCompliance } from '@/api/staff';

export type StaffChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption
  | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption>;

// Violations per rule as horizontal bars, the most frequent on top.
// Warnings (轮岗预警) amber, the rest red.
export function violationChartOption(counts: readonly { rule: string; label: string; count: number }[]): StaffChartOption {
  const rows = [...counts].reverse();
  return {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((c) => c.label) },
    series: [{
      type: 'bar', name: '问题数', barMaxWidth: 28, label: { show: true, position: 'right' },
      data: rows.map((c) => ({ value: c.count, itemStyle: { color: c.rule === 'rotation_due' ? '#e6a23c' : '#f56c6c' } })),
    }],
  };
}

// Violations per child unit as horizontal bars, in the table's order from
// the top; units without any in green, so a clean street still shows.
export function unitViolationChartOption(children: readonly UnitCompliance[]): StaffChartOption {
  const rows = [...children].reverse();
  return {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((c) => c.unit_name) },
    series: [{
      type: 'bar', name: '不合规事项', barMaxWidth: 24, label: { show: true, position: 'right' },
      data: rows.map((c) => ({ value: c.violations, itemStyle: { color: c.violations > 0 ? '#f56c6c' : '#67c23a' } })),
    }],
  };
}

// The hours worth showing: the working day (8-17), widened to any hour with
// arrivals, the hours without an answer as zero.
export function capacityHours(hours: readonly CapacityHour[]): CapacityHour[] {
  const busy = hours.filter((h) => h.arrivals > 0).map((h) => h.hour);
  const first = Math.min(8, ...busy);
  const last = Math.max(17, ...busy);
  const byHour = new Map(hours.map((h) => [h.hour, h]));
  const out: CapacityHour[] = [];
  for (let hour = first; hour <= last; hour++) {
    out.push(byHour.get(hour) ?? {
      hour, arrivals: 0, mean_service_seconds: 0, windows_needed: 0, service_level: 1, mean_wait_seconds: 0,
    });
  }
  return out;
}

export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

// Arrivals per hour as bars (left axis); windows needed and open as lines and
// the staff on the roster as a mark line (right axis).
export function capacityChartOption(c: Capacity): StaffChartOption {
  const hours = capacityHours(c.hours);
  return {
    grid: { left: 48, right: 56, top: 48, bottom: 32 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['到达人数', '所需窗口', '开放窗口'] },
    xAxis: { type: 'category', data: hours.map((h) => hourLabel(h.hour)) },
    yAxis: [
      { type: 'value', name: '人数', minInterval: 1 },
      { type: 'value', name: '窗口', minInterval: 1, splitLine: { show: false },
        max: (v: { max: number }) => Math.max(v.max, c.staff_on_roster) + 1 },
    ],
    series: [
      { type: 'bar', name: '到达人数', barMaxWidth: 32, itemStyle: { color: '#a0cfff' },
        data: hours.map((h) => h.arrivals) },
      { type: 'line', name: '所需窗口', yAxisIndex: 1, step: 'middle', symbolSize: 6, itemStyle: { color: '#e6a23c' },
        lineStyle: { width: 3 }, data: hours.map((h) => h.windows_needed) },
      { type: 'line', name: '开放窗口', yAxisIndex: 1, symbol: 'none', itemStyle: { color: '#67c23a' },
        lineStyle: { width: 2, type: 'dashed' }, data: hours.map(() => c.windows_open),
        markLine: {
          symbol: 'none', lineStyle: { color: '#909399', type: 'dotted', width: 2 },
          label: { formatter: `在册人员 ${c.staff_on_roster}`, position: 'insideEndTop' },
          data: [{ yAxis: c.staff_on_roster }],
        } },
    ],
  };
}

// The hours that need more windows than are open.
export function shortHours(c: Capacity): number[] {
  return c.hours.filter((h) => h.windows_needed > c.windows_open).map((h) => h.hour);
}
