// The hall screen's rules (大厅叫号屏, policy 三(五)): what a call changes
// before the board is read again, which windows and groups are shown and in
// what words, and when the notice has to scroll. Pure, so tested without a browser.
import type { Board, BoardCall, BoardGroup, BoardWindow, CallEvent } from '@/api/screen';
import { shanghaiClock } from '@/utils/time';
import { WINDOW_STATE_LABELS, windowNameShown } from '../shared/screen';

export const MAX_CALLS = 8;          // the board's own list: today's latest 8
export const FLASH_MS = 6_000;       // a new call flashes this long

// The board as it is once the call is made: the call on top of the list (a
// recall moves up), the window serving that ticket. The refetch that follows
// brings the server's word.
export function applyCall(board: Board, call: CallEvent, at: number): Board {
  const entry: BoardCall = { label: call.label, window_number: call.window_number, window_name: call.window_name, at };
  const others = board.calls.filter((c) => !(c.label === call.label && c.window_number === call.window_number));
  const windows = board.windows.map((w) => (w.number === call.window_number
    ? { ...w, state: 'serving' as const, current: call.label }
    : w.current === call.label ? { ...w, current: null, state: 'idle' as const } : w));
  return { ...board, calls: [entry, ...others].slice(0, MAX_CALLS), windows };
}

// The windows people can go to, by number; closed ones are left out.
export function shownWindows(windows: readonly BoardWindow[]): BoardWindow[] {
  return windows.filter((w) => w.state !== 'closed').sort((a, b) => a.number - b.number);
}

// How the window tiles fill their panel: up to 6 in one roomy row, up to 12
// in two rows, then three or four denser rows.
export type WindowDensity = 'roomy' | 'normal' | 'dense';

export function windowGrid(count: number): { columns: number; density: WindowDensity } {
  if (count <= 6) return { columns: Math.max(count, 4), density: 'roomy' };
  if (count <= 12) return { columns: Math.max(Math.ceil(count / 2), 4), density: 'normal' };
  if (count <= 24) return { columns: Math.ceil(count / 3), density: 'dense' };
  return { columns: Math.ceil(count / 4), density: 'dense' };
}

export interface WindowTile {
  label: string;   // the ticket at the window, or ''
  status: string;
  name: string;    // '' when it only repeats the number
}

export function windowTile(w: BoardWindow): WindowTile {
  const label = w.state === 'serving' || w.state === 'paused' ? w.current ?? '' : '';
  return { label, status: WINDOW_STATE_LABELS[w.state], name: windowNameShown(w.number, w.name) };
}

export interface GroupTile {
  paused: boolean;
  waiting: string;
  note: string;
}

// A paused group (暂停取号) takes no new tickets; those who hold one still wait.
export function groupTile(g: BoardGroup): GroupTile {
  if (!g.active) return { paused: true, waiting: String(g.waiting), note: '暂停取号' };
  const note = g.open_windows > 0 ? `${g.open_windows} 个窗口办理` : '暂无开放窗口';
  return { paused: false, waiting: String(g.waiting), note };
}

export function waitingSummary(groups: readonly BoardGroup[]): string {
  const total = groups.reduce((sum, g) => sum + g.waiting, 0);
  return total === 0 ? '当前无人等候' : `共 ${total} 人等候`;
}

export function windowText(n: number): string {
  return `${n} 号窗口`;
}

// 09:05 in Beijing.
export function callTime(at: number): string {
  return Number.isFinite(at) && at > 0 ? shanghaiClock(new Date(at)).time.slice(0, 5) : '';
}

// The notice scrolls when it does not fit, at a pace people can read from
// afar; seconds for one pass, 0 when it stays still.
export const NOTICE_PX_PER_S = 90;

export function marqueeSeconds(textPx: number, boxPx: number, pxPerS = NOTICE_PX_PER_S): number {
  if (textPx <= boxPx || boxPx <= 0) return 0;
  return Math.max(Math.round((textPx + boxPx) / pxPerS), 5);
}
