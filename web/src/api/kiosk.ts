// The hall for kiosks and citizens (docs/api/hall.md, issue 7; policy
// 三(五)(六)): a paired kiosk (自助终端) takes tickets (取号) and checks
// bookings in (预约签到) with `Authorization: Device <token>`; citizens book,
// look up, change and cancel appointments (在线预约) and take a ticket on the
// web (网上取号, where the site allows it) without signing in.
// Times are UTC epoch milliseconds; ticket days are Beijing YYYYMMDD,
// appointment days Beijing YYYY-MM-DD. Personal data only arrives masked.
import { buildQuery, request } from './client';
import type { Appointment, Device, Ticket } from './hall';
import type { BoardGroup } from './screen';

// --- Shapes -----------------------------------------------------------------------------
// Ticket, Appointment and Device are the staff API's (api/hall.ts), BoardGroup
// the hall screen's (api/screen.ts): one shape each, whoever reads it.

export interface SiteRef {
  id: number;
  name: string;
}

// GET /api/kiosk/me: the kiosk's device, its site and what can be taken now.
export interface KioskMe {
  device: Device;
  site: SiteRef;
  open_now: boolean;
  hours: string;  // the ticket hours for people: '工作日 08:30-12:00,13:00-17:00,周末及节假日休息'
  green_channel: boolean;
  groups: BoardGroup[];
}

export interface KioskTicket {
  ticket: Ticket;
  ahead: number;
  printed: boolean;  // false: no printer, or it did not answer
}

export interface KioskCheckIn {
  ticket: Ticket;
  appointment: Appointment;
  ahead?: number;  // not in the contract's table; the server sends it
  printed: boolean;
}

// POST /api/hall/sites/:site/remote-tickets: 网上取号 (channel `web`).
export interface RemoteTicket {
  ticket: Ticket;
  ahead: number;  // waiting before it in its group
}

export interface Slot {
  start: number;
  end: number;
  capacity: number;
  booked: number;
  left: number;
}

export interface SlotDay {
  day: string;  // YYYY-MM-DD
  slots: Slot[];
}

export interface BookingInput {
  site_id: number;
  group: string;
  slot_start: number;
  name: string;
  id_number: string;
  phone: string;
  green?: boolean;
}

// --- Kiosk (Authorization: Device <token>) --------------------------------------------
// A 401 means the token is unknown or revoked: the kiosk is not paired. The
// request client leaves 401s on /api/kiosk/ to these callers.

const device = (token: string) => ({ Authorization: `Device ${token}` });

export const getKioskMe = (token: string, signal?: AbortSignal) =>
  request<KioskMe>('/api/kiosk/me', { headers: device(token), signal });

export const takeKioskTicket = (token: string, input: { group: string; green?: boolean }) =>
  request<KioskTicket>('/api/kiosk/tickets', { method: 'POST', headers: device(token), body: input });

// Today's booking of the code or of the ID number becomes a ticket.
export const kioskCheckIn = (token: string, by: { code: string } | { id_number: string }) =>
  request<KioskCheckIn>('/api/kiosk/check-in', { method: 'POST', headers: device(token), body: by });

// --- Public: 网上取号 and appointments (no sign-in) --------------------------------------

const enc = encodeURIComponent;

// 网上取号 where the site's `remote_tickets` allows: the kiosk's hours and
// open-window rules (422 otherwise), one waiting ticket per mobile number (409,
// the message names the ticket already held).
export const takeRemoteTicket = (siteId: number, input: { group: string; phone: string }) =>
  request<RemoteTicket>(`/api/hall/sites/${siteId}/remote-tickets`, { method: 'POST', body: input });

export const listSlots = (siteId: number, group: string, from: string, days = 7) =>
  request<{ days: SlotDay[] }>(`/api/hall/sites/${siteId}/slots${buildQuery({ group, from, days })}`);

export const bookAppointment = (input: BookingInput) =>
  request<Appointment>('/api/appointments', { method: 'POST', body: input });

// The full ID number proves the right to see or change a booking; it goes in
// the body so it never appears in a URL or a proxy log. A wrong pair is 404.
export const lookupAppointment = (code: string, idNumber: string) =>
  request<Appointment>(`/api/appointments/${enc(code)}/lookup`, { method: 'POST', body: { id_number: idNumber } });

export const changeAppointment = (code: string, idNumber: string, slotStart: number) =>
  request<Appointment>(`/api/appointments/${enc(code)}/change`,
    { method: 'POST', body: { id_number: idNumber, slot_start: slotStart } });

export const cancelAppointment = (code: string, idNumber: string) =>
  request<Appointment>(`/api/appointments/${enc(code)}/cancel`, { method: 'POST', body: { id_number: idNumber } });
