// The hall's public screens (docs/api/hall.md "Public", "Live events"): the
// hall screen (大厅叫号屏) and the screen above each window (窗口屏, 三亮明).
// No sign-in, and never personal data beyond what 三亮明 shows on purpose.
import { request } from './client';

// What a window is doing, as the screens show it.
export type WindowScreenState = 'serving' | 'idle' | 'paused' | 'closed';

// Waiting people per service group; `active: false` is 暂停取号.
export interface BoardGroup {
  code: string;
  name: string;
  prefix: string;
  waiting: number;
  open_windows: number;
  active: boolean;
}

export interface BoardCall {
  label: string;
  window_number: number;
  window_name: string;
  at: number;  // UTC epoch ms
}

export interface BoardWindow {
  number: number;
  name: string;
  state: WindowScreenState;
  current: string | null;  // the ticket label being served
}

export interface Board {
  site: { id: number; name: string };
  notice: string;
  open_now: boolean;
  hours: string;            // for people: '工作日 08:30-12:00,13:00-17:00,周末及节假日休息'
  green_channel: boolean;
  remote_tickets: boolean;  // 网上取号 allowed (POST /api/hall/sites/:site/remote-tickets)
  groups: BoardGroup[];
  calls: BoardCall[];  // today's latest 8, newest first
  windows: BoardWindow[];
}

// The clerk shown above the window (三亮明): name, badge number, photo.
export interface ScreenClerk {
  name: string;
  badge: string;
  has_photo: boolean;
}

export interface WindowBoard {
  window: { id: number; number: number; name: string };
  site: { id: number; name: string };
  state: WindowScreenState;
  clerk: ScreenClerk | null;
  current: string | null;
  groups: string[];  // names
}

export const getHallBoard = (site: number, signal?: AbortSignal) =>
  request<Board>(`/api/hall/sites/${site}/board`, signal ? { signal } : {});

export const getWindowBoard = (window: number, signal?: AbortSignal) =>
  request<WindowBoard>(`/api/hall/windows/${window}/board`, signal ? { signal } : {});

// The signed-in clerk's photo. `key` changes with the clerk, so a new clerk's
// photo is fetched instead of the browser's cached one.
export function windowPhotoUrl(window: number, key: string): string {
  return `/api/hall/windows/${window}/photo?c=${encodeURIComponent(key)}`;
}

// The call's announcement as audio/wav: "请 A 零 一 五 号到 三 号窗口办理".
export function voiceUrl(label: string, windowNumber: number): string {
  return `/api/hall/voice?label=${encodeURIComponent(label)}&window=${windowNumber}`;
}

// The live topic of a site's queue.
export function hallTopic(site: number): string {
  return `hall.${site}.queue`;
}

// --- Live events on hall.<site>.queue ----------------------------------------------------

export type CallKind = 'call' | 'recall';
// 'other': a kind this screen does not know yet; it refetches like the rest.
export type QueueChangeKind = 'ticket' | 'skip' | 'finish' | 'transfer' | 'window' | 'crowding' | 'other';

export interface CallEvent {
  kind: CallKind;
  label: string;
  window_number: number;
  window_name: string;
  text: string;
}

export interface QueueChangeEvent {
  kind: QueueChangeKind;
  window_number: number | null;
}

export type HallEvent = CallEvent | QueueChangeEvent;

const CHANGE_KINDS: readonly string[] = ['ticket', 'skip', 'finish', 'transfer', 'window', 'crowding'];

function field(data: object, key: string): unknown {
  return (data as Record<string, unknown>)[key];
}

// The event's data as a HallEvent; null for anything else.
export function parseHallEvent(data: unknown): HallEvent | null {
  if (typeof data !== 'object' || data === null) return null;
  const kind = field(data, 'kind');
  if (typeof kind !== 'string' || kind.length === 0) return null;
  const windowNumber = field(data, 'window_number');
  if (kind === 'call' || kind === 'recall') {
    const label = field(data, 'label');
    if (typeof label !== 'string' || label.length === 0) return null;
    if (typeof windowNumber !== 'number' || !Number.isInteger(windowNumber)) return null;
    const windowName = field(data, 'window_name');
    const text = field(data, 'text');
    return {
      kind,
      label,
      window_number: windowNumber,
      window_name: typeof windowName === 'string' ? windowName : '',
      text: typeof text === 'string' ? text : '',
    };
  }
  return {
    kind: (CHANGE_KINDS.includes(kind) ? kind : 'other') as QueueChangeKind,
    window_number: typeof windowNumber === 'number' ? windowNumber : null,
  };
}

export function isCall(e: HallEvent): e is CallEvent {
  return e.kind === 'call' || e.kind === 'recall';
}
