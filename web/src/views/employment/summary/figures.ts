// 就业服务概况 (附件一(一), 附件二): the stat cards, the per-unit rows and the
// ECharts option of the summary page, pure so they are tested without a
// canvas (ECharts is imported by type only here).
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { ApiError } from '@/api/client';
import { STATUS_LABELS, type EmploymentStatus, type Summary, type UnitFigures } from '@/api/employment';

export type SummaryChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption
  | TooltipComponentOption>;

export interface StatCard {
  key: string;
  label: string;
  value: string;
  hint: string;
  tone: '' | 'warning' | 'danger';
}

// The cards of the whole unit, in the order a street worker reads them.
export function statCards(s: Summary): StatCard[] {
  const t = s.total;
  const card = (key: string, label: string, value: number | string, hint = '', tone: StatCard['tone'] = ''): StatCard =>
    ({ key, label, value: String(value), hint, tone });
  return [
    card('residents', '劳动力', t.residents, '台账在册人数'),
    card('employed', '就业', t.employed),
    card('unemployed', '失业登记', t.unemployed),
    card('flexible', '灵活就业', t.flexible),
    card('hardship', '就业困难', t.hardship, '', t.hardship > 0 ? 'warning' : ''),
    card('rural', '农村劳动力', t.rural),
    card('visits_month', '本月回访', t.visits_month, '人次'),
    card('visits_due', '待回访', t.visits_due, '已到回访日期', t.visits_due > 0 ? 'danger' : ''),
    card('referrals', '本月推荐 / 录用', `${t.referrals_month} / ${t.hired_month}`, '人次'),
    card('placements_active', '公益性岗位在岗', t.placements_active, '人'),
    card('vacancies', '在招岗位 / 缺口', `${s.open_vacancies} / ${s.open_posts}`, '个岗位 / 人'),
  ];
}

// The columns of the per-unit table (and the lines of its cards).
export const UNIT_COLUMNS: readonly { key: keyof UnitFigures; label: string }[] = [
  { key: 'residents', label: '劳动力' },
  { key: 'employed', label: '就业' },
  { key: 'unemployed', label: '失业登记' },
  { key: 'flexible', label: '灵活就业' },
  { key: 'hardship', label: '就业困难' },
  { key: 'rural', label: '农村劳动力' },
  { key: 'visits_month', label: '本月回访' },
  { key: 'visits_due', label: '待回访' },
  { key: 'referrals_month', label: '本月推荐' },
  { key: 'hired_month', label: '本月录用' },
  { key: 'placements_active', label: '公益性岗位在岗' },
];

const STATUS_ORDER: readonly EmploymentStatus[] = ['employed', 'flexible', 'unemployed', 'hardship'];
const STATUS_COLOURS: Record<EmploymentStatus, string> = {
  employed: '#67c23a', flexible: '#409eff', unemployed: '#e6a23c', hardship: '#f56c6c',
};

// People by employment status per child unit, as horizontal stacked bars
// (they read on a phone as on a desk), the first unit on top.
export function statusChartOption(units: readonly UnitFigures[]): SummaryChartOption {
  const rows = [...units].reverse();
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, itemWidth: 14, itemHeight: 10, itemGap: 12, data: STATUS_ORDER.map((s) => STATUS_LABELS[s]) },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((u) => u.unit_name), axisLabel: { width: 110, overflow: 'truncate' } },
    series: STATUS_ORDER.map((s): BarSeriesOption => ({
      type: 'bar', name: STATUS_LABELS[s], stack: 'status', barMaxWidth: 26, itemStyle: { color: STATUS_COLOURS[s] },
      emphasis: { focus: 'series' }, data: rows.map((u) => u[s]),
    })),
  };
}

// The chart's height: a bar per unit, within bounds.
export const chartHeight = (units: number): number => Math.min(900, Math.max(220, 60 + units * 36));

// A sentence for screen readers in place of the canvas.
export function chartSummary(units: readonly UnitFigures[]): string {
  return units.map((u) => `${u.unit_name}:${STATUS_ORDER.map((s) => `${STATUS_LABELS[s]} ${u[s]} 人`).join(',')}`).join(';');
}

// A city-wide caller asked without a unit: the server wants one chosen
// (400 on unit_code), which the page asks for instead of showing an error.
export function needsUnit(e: unknown): boolean {
  return e instanceof ApiError && e.status === 400 && e.field === 'unit_code';
}
