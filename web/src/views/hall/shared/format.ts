// How the hall pages write waiting times, slots and moments. Times arrive as
// UTC epoch milliseconds; people read them in Beijing time.
import { formatShanghai, shanghaiDate } from '@/utils/time';

const MINUTE = 60_000;

// "不到 1 分钟", "12 分钟", "1 小时 5 分钟"; "—" when there is nothing to say
// (no one served yet today: the server sends null).
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 1) return '不到 1 分钟';
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} 小时` : `${hours} 小时 ${rest} 分钟`;
}

// Whole minutes for a chart axis or a threshold (rounded down).
export function wholeMinutes(ms: number | null | undefined): number {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return 0;
  return Math.floor(ms / MINUTE);
}

const hm = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false,
});

// "09:30" in Beijing.
export function shanghaiHm(ms: number): string {
  const d = new Date(ms);
  if (!Number.isFinite(ms) || Number.isNaN(d.getTime())) return '—';
  const parts = Object.fromEntries(hm.formatToParts(d).map((p) => [p.type, p.value]));
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return `${hour}:${parts.minute}`;
}

// An appointment's slot, "09:30-10:00".
export function slotText(start: number, end: number): string {
  return `${shanghaiHm(start)}-${shanghaiHm(end)}`;
}

// "2026-11-26 09:30:05", or "—" (a device that was never seen).
export function formatMoment(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) return '—';
  return formatShanghai(new Date(ms).toISOString());
}

// Today in Beijing as YYYY-MM-DD (the appointments' day).
export function todayShanghai(now: Date = new Date()): string {
  return shanghaiDate(now);
}
