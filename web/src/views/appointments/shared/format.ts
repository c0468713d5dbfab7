// How appointment days and slots read (Beijing time, whatever the device's
// own time zone). Pure, so it is tested without a browser.
import { shanghaiClock } from '@/utils/time';

// "09:30" for epoch milliseconds.
export function hm(ms: number): string {
  return shanghaiClock(new Date(ms)).time.slice(0, 5);
}

// "09:00-09:30"
export function slotText(start: number, end: number): string {
  return `${hm(start)}-${hm(end)}`;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function parseDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

// The day after `day` (YYYY-MM-DD), "" when `day` is not a date.
export function nextDay(day: string): string {
  const d = parseDay(day);
  if (!d) return '';
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// "11月27日 周五", with 今天 / 明天 before it when it is one of those.
export function dayLabel(day: string, today: string): string {
  const d = parseDay(day);
  if (!d) return day;
  const text = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()] ?? ''}`;
  if (day === today) return `今天 ${text}`;
  if (day === nextDay(today)) return `明天 ${text}`;
  return text;
}

// "2026年11月27日 周五 09:00-09:30": the whole booking in one line.
export function bookingWhen(day: string, start: number, end: number): string {
  const d = parseDay(day);
  const date = d ? `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()] ?? ''}` : day;
  return `${date} ${slotText(start, end)}`;
}

// "1234 5678": a booking code read out in two halves.
export function codeText(code: string): string {
  return /^\d{8}$/.test(code) ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}
