// How the stats pages show figures: the metrics with their Chinese names (as
// in the ledger workbook), rates as percentages, missing values as a dash.
import type { Figures, MetricKey } from '@/api/stats';

export type MetricKind = 'count' | 'rate' | 'minutes';

export interface Metric {
  key: MetricKey;
  label: string;
  kind: MetricKind;
}

const metric = (key: MetricKey, label: string, kind: MetricKind = 'count'): Metric => ({ key, label, kind });

export const METRICS = {
  taken: metric('tickets.taken', '取号数'),
  served: metric('tickets.served', '服务人次'),
  wait: metric('avg_wait_minutes', '平均等候(分钟)', 'minutes'),
  accepted: metric('cases.accepted', '受理件数'),
  rejected: metric('cases.rejected', '不予受理'),
  completed: metric('cases.completed', '办结件数'),
  onTime: metric('on_time_rate', '按时办结率', 'rate'),
  overdue: metric('cases.overdue', '超期件数'),
  ratings: metric('ratings.total', '评价数'),
  good: metric('good_rate', '好评率', 'rate'),
  complaints: metric('complaints.received', '投诉举报'),
} as const;

const M = METRICS;

// The dashboard's cards, in reading order.
export const KPI_METRICS: readonly Metric[] = [
  M.accepted, M.completed, M.onTime, M.served, M.wait, M.good, M.complaints, M.overdue,
];

// Columns of the unit and day tables (dashboard and ledger).
export const TABLE_METRICS: readonly Metric[] = [
  M.taken, M.served, M.wait, M.accepted, M.rejected, M.completed, M.onTime, M.overdue, M.ratings, M.good, M.complaints,
];

// Per item only cases are counted.
export const ITEM_METRICS: readonly Metric[] = [M.accepted, M.rejected, M.completed, M.onTime, M.overdue];

// What the bar chart can compare children on.
export const CHART_METRICS: readonly Metric[] = [
  M.accepted, M.completed, M.served, M.taken, M.overdue, M.complaints, M.onTime, M.good, M.wait,
];

export function formatMetric(m: Metric, figures: Figures): string {
  const v = figures[m.key];
  if (v === null || v === undefined) return '—';
  if (m.kind === 'rate') return `${(v * 100).toFixed(1)}%`;
  if (m.kind === 'minutes') return v.toFixed(1);
  return String(v);
}

// The value a chart draws: rates in percent, nothing to divide by as 0.
export function chartValue(m: Metric, figures: Figures): number {
  const v = figures[m.key] ?? 0;
  if (m.kind === 'rate') return Math.round(v * 1000) / 10;
  if (m.kind === 'minutes') return Math.round(v * 10) / 10;
  return v;
}

export const chartUnit = (m: Metric) => (m.kind === 'rate' ? '%' : m.kind === 'minutes' ? '分钟' : '');

// The 合计 row of an el-table whose first `labels` columns are labels and
// the rest `metrics` in order: the totals the server computed, not a sum
// of the rows (rates cannot be summed).
export function summaryRow(metrics: readonly Metric[], totals: Figures, labels = 1): string[] {
  return [...Array.from({ length: labels }, (_, i) => (i === 0 ? '合计' : '')), ...metrics.map((m) => formatMetric(m, totals))];
}
