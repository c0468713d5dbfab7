// The window screen's rules (窗口屏, 三亮明: policy 三(六)): whose face and
// name hang above the window, what a call to this window changes before the
// board is read again, and the words for its state. Pure, so tested without a browser.
import type { CallEvent, WindowBoard } from '@/api/screen';
import { windowStateLabel } from '../shared/screen';

export const HIGHLIGHT_MS = 8_000;  // a call to this window lights the number this long

// The first character of the name, for the neutral avatar when there is no
// photo (a Chinese name's surname; a Latin name's initial, upper case).
export function surnameInitial(name: string): string {
  const first = Array.from(name.trim())[0] ?? '';
  return first.toUpperCase();
}

export function callsThisWindow(call: CallEvent, board: WindowBoard | null): boolean {
  return board !== null && call.window_number === board.window.number;
}

export function applyWindowCall(board: WindowBoard, call: CallEvent): WindowBoard {
  return callsThisWindow(call, board) ? { ...board, current: call.label, state: 'serving' } : board;
}

export function stateText(board: WindowBoard): string {
  return windowStateLabel(board.state, board.clerk !== null);
}

// The number is shown while serving, and while paused with a ticket still held.
export function shownCurrent(board: WindowBoard): string {
  return board.state === 'serving' || board.state === 'paused' ? board.current ?? '' : '';
}

// Changes with the clerk, so a new clerk's photo is not taken from the cache.
export function photoKey(board: WindowBoard): string {
  return board.clerk?.has_photo ? `${board.clerk.badge}-${board.clerk.name}` : '';
}
