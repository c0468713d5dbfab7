// The hall's staff endpoints (docs/api/hall.md "Staff"; issue 7, policy
// 三(五)(六)): service groups, windows and their queue, settings, kiosks,
// live figures and the day's appointments. Times are UTC epoch milliseconds.
import type { DeviceStatus } from './agent';
import { buildQuery, request } from './client';

export interface Group {
  id: number;
  site_id: number;
  code: string;
  name: string;
  prefix: string;       // one capital letter A-Z
  categories: string[]; // catalog categories (api/catalog.ts Category)
  active: boolean;      // false: 暂停取号
  version: number;
}

export interface GroupInput {
  code: string;
  name: string;
  prefix: string;
  categories: string[];
}

export type GroupPatch = Partial<Pick<Group, 'name' | 'categories' | 'active'>> & { version: number };

export type TicketChannel = 'kiosk' | 'web' | 'appointment' | 'window';
export type TicketState = 'waiting' | 'called' | 'done' | 'void';

export interface Ticket {
  id: number;
  site_id: number;
  group_id: number;
  group_name: string;
  day: string;       // Beijing date YYYYMMDD
  label: string;     // A015
  number: number;
  channel: TicketChannel;
  state: TicketState;
  green: boolean;
  taken_at: number;
}

export interface Call {
  ticket: Ticket;
  window_number: number;
  window_name: string;
  text: string;      // the announcement
}

export interface Settings {
  site_id: number;
  ticket_hours: string;    // working days: "08:30-12:00,13:00-17:00"
  rest_day_hours: string;  // weekends and holidays, same format; "" = closed
  green_channel: boolean;
  remote_tickets: boolean; // 网上取号 on the web or phone, within the hours
  max_skips: number;
  crowd_wait_minutes: number;
  slot_minutes: number;
  per_window_slot: number;
  booking_days: number;
  no_show_limit: number;
  no_show_block_days: number;
  notice: string;
  version: number;       // 0: never saved, the defaults
}

export type SettingsInput = Omit<Settings, 'site_id'>;

export interface WindowClerk {
  id: number;
  name_masked: string;
  badge: string;
}

export interface WindowState {
  id: number;
  site_id: number;
  number: number;
  name: string;
  open: boolean;
  groups: string[];          // group codes
  clerk: WindowClerk | null;
  current: Ticket | null;
  waiting: number;           // waiting in the window's groups
}

export interface GroupFigures {
  code: string;
  name: string;
  prefix: string;
  waiting: number;
  longest_wait_ms: number;
  served: number;
  avg_wait_ms: number | null;     // null: nobody served yet today
  avg_service_ms: number | null;
}

export interface Figures {
  site_id: number;
  day: string;
  groups: GroupFigures[];
  waiting: number;
  avg_wait_ms: number | null;
  avg_service_ms: number | null;
  served: number;
  windows_open: number;
  windows_total: number;
  staff_on_duty: number;
  crowding: boolean;
  crowd_wait_minutes: number;
}

export type AppointmentState = 'booked' | 'checked_in' | 'cancelled' | 'no_show';

export interface Appointment {
  code: string;
  site_id: number;
  site_name: string;
  group: string;
  group_name: string;
  day: string;          // YYYY-MM-DD
  slot_start: number;
  slot_end: number;
  name_masked: string;
  id_masked: string;
  phone_masked: string;
  green: boolean;
  state: AppointmentState;
  ticket_label: string | null;
}

// kiosk: 自助终端; agent: 窗口设备助手, yichuang-agent on a window PC (docs/api/agent.md).
export type DeviceKind = 'kiosk' | 'agent';

export interface Device {
  id: number;
  site_id: number;
  kind: DeviceKind;
  name: string;
  printer: string | null;  // host:port of an ESC/POS printer; none: "" or null
  active: boolean;
  last_seen_at: number | null;
  window_id?: number | null;     // an agent's window
  window_no?: number | null;
  status?: DeviceStatus[] | null;  // an agent's last report
  status_at?: number | null;
}

export interface DeviceInput {
  kind?: DeviceKind;    // the server's default: kiosk
  name: string;
  printer?: string;     // kiosk only
  window_id?: number;   // agent only, required there
}

export interface DeviceRegistration {
  device: Device;
  token: string;        // shown this once
}

export const DEVICE_KIND_LABELS: Record<DeviceKind, string> = { kiosk: '自助终端', agent: '窗口设备助手' };

export const APPOINTMENT_STATE_LABELS: Record<AppointmentState, string> = {
  booked: '已预约', checked_in: '已签到', cancelled: '已取消', no_show: '未到',
};

export const TICKET_STATE_LABELS: Record<TicketState, string> = {
  waiting: '等候中', called: '已呼叫', done: '已办结', void: '已作废',
};

export const TICKET_CHANNEL_LABELS: Record<TicketChannel, string> = {
  kiosk: '自助取号', web: '网上取号', appointment: '预约签到', window: '窗口取号',
};

// The live topic of a site's queue (docs/api/hall.md "Live events").
export const hallTopic = (siteId: number): string => `hall.${siteId}.queue`;

// The link a kiosk opens once to store its token; the token stays in the
// fragment, which the browser never sends, so it reaches no server log.
export const pairingLink = (origin: string, token: string): string => `${origin}/kiosk/pair#${token}`;

const site = (id: number) => `/api/hall/sites/${id}`;
const win = (id: number) => `/api/hall/windows/${id}`;

export const listGroups = (siteId: number) => request<{ items: Group[] }>(`${site(siteId)}/groups`);
export const createGroup = (siteId: number, input: GroupInput) =>
  request<Group>(`${site(siteId)}/groups`, { method: 'POST', body: input });
export const updateGroup = (siteId: number, code: string, patch: GroupPatch) =>
  request<Group>(`${site(siteId)}/groups/${encodeURIComponent(code)}`, { method: 'PATCH', body: patch });

export const getSettings = (siteId: number) => request<Settings>(`${site(siteId)}/settings`);
export const saveSettings = (siteId: number, input: SettingsInput) =>
  request<Settings>(`${site(siteId)}/settings`, { method: 'PUT', body: input });

export const listHallWindows = (siteId: number) => request<{ items: WindowState[] }>(`${site(siteId)}/windows`);
export const setWindowGroups = (windowId: number, groups: string[]) =>
  request<void>(`${win(windowId)}/groups`, { method: 'PUT', body: { groups } });

export const getWindowState = (windowId: number) => request<WindowState>(win(windowId));
export const signIn = (windowId: number) => request<WindowState>(`${win(windowId)}/sign-in`, { method: 'POST' });
export const signOut = (windowId: number) => request<WindowState>(`${win(windowId)}/sign-out`, { method: 'POST' });
export const setWindowOpen = (windowId: number, open: boolean) =>
  request<WindowState>(`${win(windowId)}/open`, { method: 'POST', body: { open } });

export const callNext = (windowId: number) => request<Call>(`${win(windowId)}/call`, { method: 'POST' });
export const recallTicket = (windowId: number) => request<Call>(`${win(windowId)}/recall`, { method: 'POST' });
export const finishTicket = (windowId: number) => request<Ticket>(`${win(windowId)}/finish`, { method: 'POST' });
export const skipTicket = (windowId: number) => request<Ticket>(`${win(windowId)}/skip`, { method: 'POST' });
export const transferTicket = (windowId: number, group: string) =>
  request<Ticket>(`${win(windowId)}/transfer`, { method: 'POST', body: { group } });

export const getFigures = (siteId: number) => request<Figures>(`${site(siteId)}/figures`);
export const listAppointments = (siteId: number, day: string) =>
  request<{ items: Appointment[] }>(`${site(siteId)}/appointments${buildQuery({ day })}`);

export const listDevices = (siteId: number) => request<{ items: Device[] }>(`${site(siteId)}/devices`);
export const registerDevice = (siteId: number, input: DeviceInput) =>
  request<DeviceRegistration>(`${site(siteId)}/devices`, { method: 'POST', body: input });
export const revokeDevice = (id: number) => request<void>(`/api/hall/devices/${id}`, { method: 'DELETE' });
