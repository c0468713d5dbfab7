// The working-day calendar (docs/api/calendar.md).
import { buildQuery, request } from './client';

export type DayKind = 'holiday' | 'workday';
export interface CalendarDay { day: string; kind: DayKind; name: string }
export interface CalendarYear {
  year: number; items: CalendarDay[]; holidays: number; workdays: number; maintained: boolean;
}
export interface DueDate { from: string; days: number; count_start: boolean; due: string }
export interface CalendarImportLine {
  line: number; day: string; ok: boolean; error?: { code: string; message: string; field: string };
}

export const DAY_KIND_LABELS: Record<DayKind, string> = { holiday: '放假', workday: '调休上班' };

export const getCalendarYear = (year: number) => request<CalendarYear>(`/api/calendar${buildQuery({ year })}`);
export const getDueDate = (from: string, days: number, countStart = false) =>
  request<DueDate>(`/api/calendar/due${buildQuery({ from, days, count_start: countStart ? 'true' : '' })}`);
export const setCalendarDay = (day: string, kind: DayKind, name: string) =>
  request<CalendarDay>(`/api/calendar/days/${day}`, { method: 'PUT', body: { kind, name } });
export const removeCalendarDay = (day: string) =>
  request<void>(`/api/calendar/days/${day}`, { method: 'DELETE' });
export const importCalendar = (csv: string) =>
  request<{ imported: boolean; lines: CalendarImportLine[] }>('/api/calendar/import',
    { method: 'POST', body: { csv }, answerStatuses: [422] });
