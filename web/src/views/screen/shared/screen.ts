// Rules shared by the hall's live screens (大厅叫号屏, 窗口屏): reading the
// address, what the screen shows before and around its data, when to admit a
// connection problem, and the server's clock. Pure, so tested without a
// browser.
import type { LocationQuery } from 'vue-router';
import type { WindowScreenState } from '@/api/screen';

// ?site=12 -> { id: 12 }; absent -> 'missing'; anything but a positive id -> 'bad'.
export type ScreenId = { id: number } | { problem: 'missing' | 'bad' };

export function readScreenId(query: LocationQuery, key: string): ScreenId {
  const value = query[key];
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === null || raw === '') return { problem: 'missing' };
  if (!/^\d{1,15}$/.test(raw)) return { problem: 'bad' };
  const id = Number(raw);
  return id > 0 ? { id } : { problem: 'bad' };
}

export function screenIdOf(s: ScreenId): number | null {
  return 'id' in s ? s.id : null;
}

// What fills the screen: its data, or one calm sentence instead of it.
export type ScreenPhase = 'ready' | 'loading' | 'bad-address' | 'not-found';

export interface PhaseInput {
  address: ScreenId;
  hasData: boolean;
  lastStatus: number | null;  // HTTP status of the last failed load, 0 when the network failed
}

// Once data has arrived it stays, whatever fails later; a 404 before any
// data means the address names nothing (the load is still retried now and then).
export function screenPhase(p: PhaseInput): ScreenPhase {
  if ('problem' in p.address) return 'bad-address';
  if (p.hasData) return 'ready';
  if (p.lastStatus === 404 || p.lastStatus === 400) return 'not-found';
  return 'loading';
}

export type ScreenKind = 'hall' | 'window';

const PARAM: Record<ScreenKind, { key: string; what: string }> = {
  hall: { key: 'site', what: '服务场所' },
  window: { key: 'window', what: '窗口' },
};

// The sentence shown instead of the data.
export function phaseMessage(kind: ScreenKind, phase: ScreenPhase, address: ScreenId): string {
  const { key, what } = PARAM[kind];
  switch (phase) {
    case 'ready':
      return '';
    case 'loading':
      return '正在加载…';
    case 'bad-address':
      return 'problem' in address && address.problem === 'missing'
        ? `请在地址中指定${what}编号,例如 ?${key}=1`
        : `地址中的${what}编号无效,请使用数字编号,例如 ?${key}=1`;
    case 'not-found':
      return `未找到编号为 ${screenIdOf(address) ?? ''} 的${what},请核对地址中的 ${key} 参数`;
  }
}

// The "连接中断,正在重连…" badge: shown while loads fail, or when the live
// stream has been down longer than a reconnection normally takes.
export const STREAM_GRACE_MS = 8_000;

export function connectionTrouble(failures: number, streamDownSince: number | null, now: number,
  graceMs = STREAM_GRACE_MS): boolean {
  if (failures > 0) return true;
  return streamDownSince !== null && now - streamDownSince >= graceMs;
}

// The server's clock as seen from this screen, whose own clock may be wrong:
// the screen shows Beijing time and judges how old a call is by it.
export class ServerClock {
  private offsetMs = 0;

  get offset(): number {
    return this.offsetMs;
  }

  // A server time read by a request sent at sentAt and answered at receivedAt
  // (local ms): the server's moment is taken as the middle of the two.
  calibrate(serverMs: number, sentAt: number, receivedAt: number): void {
    if (!Number.isFinite(serverMs)) return;
    this.offsetMs = Math.round(serverMs - (sentAt + receivedAt) / 2);
  }

  // A live event is at most a few seconds old when it arrives; when the
  // estimate is far off (no server time was read, or this screen's clock
  // jumped) the estimate is wrong, not the event.
  observeLive(eventAtMs: number, receivedAt: number, toleranceMs = 15_000): void {
    const age = this.now(receivedAt) - eventAtMs;
    if (age < -toleranceMs || age > toleranceMs) this.offsetMs = eventAtMs - receivedAt;
  }

  now(local: number = Date.now()): number {
    return local + this.offsetMs;
  }
}

// After a reconnection the server first replays what the screen missed. A
// call read out minutes late would send people to the wrong window, so a
// replayed call is announced only when it is still recent.
export const CATCH_UP_MS = 3_000;     // the replay arrives right after the stream opens
export const MAX_CALL_AGE_MS = 60_000;

export interface Arrival {
  receivedAt: number;       // local ms
  openedAt: number | null;  // local ms of the stream's latest opening
  resumed: boolean;         // that opening was a reconnection
  eventAt: number | null;   // the event's server time (ms), when it has one
}

export function isCatchUp(a: Arrival): boolean {
  return a.resumed && a.openedAt !== null && a.receivedAt - a.openedAt <= CATCH_UP_MS;
}

export function shouldAnnounce(a: Arrival, clock: ServerClock): boolean {
  if (!isCatchUp(a) || a.eventAt === null) return true;
  return clock.now(a.receivedAt) - a.eventAt <= MAX_CALL_AGE_MS;
}

// "2026-11-25T02:00:00.123Z" -> ms; null when it is not a time.
export function parseTime(iso: unknown): number | null {
  if (typeof iso !== 'string') return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

// What a window is doing, in the words the screens use.
export const WINDOW_STATE_LABELS: Record<WindowScreenState, string> = {
  serving: '正在办理',
  idle: '等候叫号',
  paused: '暂停服务',
  closed: '未开放',
};

// A closed window whose clerk is still signed in has only stepped away.
export function windowStateLabel(state: WindowScreenState, clerkPresent = false): string {
  return state === 'closed' && clerkPresent ? WINDOW_STATE_LABELS.paused : WINDOW_STATE_LABELS[state];
}

// A window's name worth showing beside its number: none when it only
// repeats the number ("1 号窗口", "窗口1", "1").
export function windowNameShown(number: number, name: string): string {
  const bare = name.replace(/\s+/g, '');
  const n = String(number);
  return [n, `${n}号`, `${n}号窗口`, `窗口${n}`, `${n}号窗`, `第${n}窗口`, `第${n}号窗口`].includes(bare) ? '' : name.trim();
}
