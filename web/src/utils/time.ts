// Times arrive as UTC ISO strings; people read them in Asia/Shanghai.
const formatter = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export function formatShanghai(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const parts = Object.fromEntries(formatter.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

// The wall clock in Beijing, whatever the device's own time zone: for the
// hall screen's clock and the date printed on checklists.
const clockFormatter = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'long',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export interface ShanghaiClock {
  date: string;     // 2026-11-26
  weekday: string;  // 星期四
  time: string;     // 08:05:09
}

export function shanghaiClock(at: Date): ShanghaiClock {
  const parts = Object.fromEntries(clockFormatter.formatToParts(at).map((p) => [p.type, p.value]));
  // Some ICU versions write midnight as 24:00:00.
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday ?? '',
    time: `${hour}:${parts.minute}:${parts.second}`,
  };
}

export function shanghaiDate(at: Date): string {
  return shanghaiClock(at).date;
}
