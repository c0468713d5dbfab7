// The dashboard's period choices as date ranges (YYYY-MM-DD, Beijing days).
// No range in the URL is 本月: the server's default, this month to today.
export type PeriodPreset = 'month' | 'last-month' | 'year' | 'custom';

export interface DateRange {
  from: string;
  to: string;
}

export const PRESET_LABELS: Record<PeriodPreset, string> = {
  month: '本月', 'last-month': '上月', year: '本年', custom: '自定义',
};

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOf(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

// today: YYYY-MM-DD in Beijing. 'custom' has no range of its own.
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, today: string): DateRange {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (preset === 'month') return { from: `${today.slice(0, 7)}-01`, to: today };
  if (preset === 'year') return { from: `${year}-01-01`, to: today };
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return { from: `${y}-${pad(m)}-01`, to: lastDayOf(y, m) };
}

export function presetOf(range: DateRange, today: string): PeriodPreset {
  if (!range.from && !range.to) return 'month';
  for (const p of ['month', 'last-month', 'year'] as const) {
    const r = presetRange(p, today);
    if (r.from === range.from && r.to === range.to) return p;
  }
  return 'custom';
}
