// Calendar helpers for the 工作日历 page: dates are Asia/Shanghai days.
import type { CalendarDay } from '@/api/calendar';

const pad = (n: number) => String(n).padStart(2, '0');

export function isoOf(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

// 1 = Monday ... 7 = Sunday, for a calendar date.
export function weekday(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export type Cell = { iso: string; day: number; working: boolean; mark: CalendarDay | undefined } | null;

// One month as weeks of 7 cells (Monday first), null outside the month.
export function monthGrid(year: number, month: number, byDay: Map<string, CalendarDay>): Cell[][] {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: Cell[] = [];
  for (let i = 1; i < weekday(isoOf(year, month, 1)); i++) cells.push(null);
  for (let d = 1; d <= days; d++) {
    const iso = isoOf(year, month, d);
    const mark = byDay.get(iso);
    const working = mark ? mark.kind === 'workday' : weekday(iso) <= 5;
    cells.push({ iso, day: d, working, mark });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Cell[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

// The kind a day would take when marked: weekdays become holidays, weekend days workdays.
export function markKind(iso: string): 'holiday' | 'workday' {
  return weekday(iso) <= 5 ? 'holiday' : 'workday';
}
