// 预约办事, 我的预约 and 网上取号 on the portal (docs/api/citizen.md
// "Appointments", docs/api/hall.md "Public"): which sites and groups can be
// taken, the checks made before sending (the server makes them again), where
// a refusal of the server is shown, and how a citizen's bookings are listed.
// Pure, tested without a browser. The words for days, slots and codes are
// the hall pages' (views/appointments/shared, views/kiosk/shared), so a
// booking reads the same here, on the public pages and at the kiosk.
import { ApiError, describeError } from '@/api/client';
import type { Appointment, AppointmentInput, SiteBoard, Slot } from './api';
import type { PortalSite } from './sites';

export { bookingWhen, codeText, dayLabel, slotText } from '@/views/appointments/shared/format';
export { SLOT_STATE_TEXT, openCount, pickDay, slotState, type SlotState } from '@/views/appointments/shared/slots';
export { aheadText } from '@/views/kiosk/shared/result';

// What to bring and how to check in (the kiosk takes a booking from an hour
// before its slot until the slot ends; docs/api/hall.md "Kiosk").
export const BRING = ['本人有效身份证件(身份证)原件', '所办事项需要的材料,可在“办事指南”中查看'] as const;
export const CHECK_IN_NOTE =
  '请在预约时段开始前 1 小时内到达,在大厅自助终端输入预约码或刷身份证签到取号。预约时段结束仍未签到的记为爽约,多次爽约将暂停在线预约。';

// --- Where and what ---------------------------------------------------------------------------

// ?site=12 -> 12; null when absent or not a site id.
export function siteIdOf(raw: unknown): number | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v !== 'string' || !/^[1-9]\d{0,15}$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

// The sites that take bookings, in the order the server lists them.
export function bookableSites(sites: readonly PortalSite[]): PortalSite[] {
  return sites.filter((s) => s.appointments);
}

export interface GroupChoice {
  code: string;
  name: string;
  waiting: number;
  unavailable: string;  // why it cannot be chosen ('暂停预约', '暂无窗口办理'); '' when it can
}

// 预约: any group that is not paused (the slots say whether there is room).
export function bookingGroups(board: Pick<SiteBoard, 'groups'>): GroupChoice[] {
  return board.groups.map((g) => ({ code: g.code, name: g.name, waiting: g.waiting, unavailable: g.active ? '' : '暂停预约' }));
}

// 网上取号: not paused, and a window with a clerk serves it now (the
// server's rule for tickets other than checked-in bookings).
export function ticketGroups(board: Pick<SiteBoard, 'groups'>): GroupChoice[] {
  return board.groups.map((g) => ({
    code: g.code, name: g.name, waiting: g.waiting,
    unavailable: !g.active ? '暂停取号' : g.open_windows <= 0 ? '暂无窗口办理' : '',
  }));
}

// Why 网上取号 cannot be offered now at a site ('' when it can): its board
// may say otherwise than the list of sites read a moment before.
export function ticketOffer(board: Pick<SiteBoard, 'remote_tickets' | 'open_now' | 'hours' | 'groups'>): string {
  if (!board.remote_tickets) return '本场所暂未开通网上取号,请到大厅自助终端取号。';
  if (!board.open_now) return board.hours ? `现在不在取号时间内。取号时间:${board.hours}。` : '现在不在取号时间内。';
  if (board.groups.length === 0) return '该服务大厅暂未设置业务类型,请到大厅咨询导办人员。';
  return '';
}

// The group to start with: the one wanted when it can be chosen, else the
// only one that can, else none.
export function initialGroup(choices: readonly GroupChoice[], wanted = ''): string {
  const open = choices.filter((c) => c.unavailable === '');
  if (wanted && open.some((c) => c.code === wanted)) return wanted;
  return open.length === 1 ? open[0]?.code ?? '' : '';
}

// --- Phone ------------------------------------------------------------------------------------

const MOBILE = /^1[3-9]\d{9}$/;

// Spaces and hyphens people type between groups of digits do not count.
export const normalizeMobile = (phone: string): string => phone.replace(/[\s\u3000-]+/g, '');

// Booking: a mobile (for the reminder), needed only when the account has none.
export function bookingPhoneProblem(phone: string, accountPhone: string): string {
  const p = normalizeMobile(phone);
  if (p === '') return accountPhone ? '' : '请填写手机号码,用于接收预约提醒';
  return MOBILE.test(p) ? '' : '请输入 11 位手机号码';
}

// 网上取号: always typed, one waiting ticket per number.
export function ticketPhoneProblem(phone: string): string {
  const p = normalizeMobile(phone);
  if (p === '') return '请输入手机号码';
  return MOBILE.test(p) ? '' : '请输入 11 位手机号码';
}

// --- The booking form -------------------------------------------------------------------------

export type BookingField = 'site' | 'group' | 'slot' | 'phone';

export interface FieldProblem<F extends string> {
  field: F;
  message: string;
}

export interface BookingDraft {
  siteId: number | null;
  group: string;
  slot: Slot | null;
  phone: string;
}

// Every problem, in the order of the page (the first takes focus).
export function validateBooking(draft: BookingDraft, accountPhone: string): FieldProblem<BookingField>[] {
  const problems: FieldProblem<BookingField>[] = [];
  const add = (field: BookingField, message: string) => { if (message) problems.push({ field, message }); };
  add('site', draft.siteId === null ? '请选择办理地点' : '');
  add('group', draft.siteId !== null && draft.group === '' ? '请选择业务类型' : '');
  add('slot', draft.siteId !== null && draft.group !== '' && draft.slot === null ? '请选择预约日期和时段' : '');
  add('phone', bookingPhoneProblem(draft.phone, accountPhone));
  return problems;
}

// The body of POST /api/citizen/appointments: the phone only when typed
// (else the server takes the account's).
export function bookingBody(draft: BookingDraft): AppointmentInput {
  const phone = normalizeMobile(draft.phone);
  return {
    site_id: draft.siteId ?? 0,
    group: draft.group,
    slot_start: draft.slot?.start ?? 0,
    ...(phone ? { phone } : {}),
  };
}

// --- Refusals of the server -------------------------------------------------------------------

// A business refusal is told in the server's words; anything else with the
// request id, which the hotline can look up.
function refusalText(e: unknown): string {
  if (e instanceof ApiError && e.status >= 400 && e.status < 500 && !e.code.startsWith('HTTP_') && e.message) return e.message;
  return describeError(e);
}

// Where a refusal of booking, 改约 or 取消 is shown: at a field of the form;
// on the booking itself ('item': not found, or no longer booked: the list is
// read again); for the form as a whole ('form': blocked after no-shows, an
// employer's account, the network); or nowhere because the session ended
// ('session': to the login page).
export type RefusalPlace = BookingField | 'item' | 'form' | 'session';

export interface Refusal {
  place: RefusalPlace;
  message: string;
  reloadSlots: boolean;  // the slots have changed meanwhile: read them again
}

export function bookingRefusal(e: unknown): Refusal {
  const at = (place: RefusalPlace, message = refusalText(e), reloadSlots = false): Refusal => ({ place, message, reloadSlots });
  if (!(e instanceof ApiError)) return at('form');
  if (e.status === 401) return at('session', '登录已过期,请重新登录');
  // 409 slot full / already booked that day; 422 past, too far, a rest day; 400 no such slot.
  if (e.field === 'slot_start') return at('slot', refusalText(e), true);
  if (e.field === 'group') return at('group', refusalText(e), true);
  if (e.field === 'phone') return at('phone');
  if (e.field === 'site_id') return at('site');
  if (e.status === 404) return at('item', '没有找到这个预约,它可能已被取消,或不属于当前登录的账号。');
  if (e.field === 'code') return at('item');
  return at('form');
}

export type TicketField = 'group' | 'phone';

export interface TicketRefusal {
  place: TicketField | 'form';
  message: string;
  reloadBoard: boolean;  // the groups or the hours may have changed: read the board again
}

// 409: the server's message names the ticket this number already holds.
export function heldTicketText(message: string): string {
  const label = /(?:^|[^A-Za-z0-9])([A-Z]\d{3,4})(?![0-9])/.exec(message)?.[1];
  return label ? `该手机号已有排队中的号 ${label},请留意叫号,不用重复取号。` : '该手机号已有排队中的号,请留意叫号,不用重复取号。';
}

export function ticketRefusal(e: unknown): TicketRefusal {
  const at = (place: TicketRefusal['place'], message = refusalText(e), reloadBoard = false): TicketRefusal =>
    ({ place, message, reloadBoard });
  if (!(e instanceof ApiError)) return at('form');
  if (e.status === 0) return at('form', '网络连接中断,请检查网络后重试。');
  if (e.status === 409) return at('phone', heldTicketText(e.message));
  if (e.field === 'phone') return at('phone');
  // Paused, no window open, outside the ticket hours.
  if (e.field === 'group') return at('group', refusalText(e), true);
  if (e.status === 404 || e.status === 422) return at('form', refusalText(e), true);
  return at('form');
}

// --- My appointments (我的预约) ----------------------------------------------------------------

// Still to come: booked, and its slot has not ended (the kiosk checks in
// until the end of the slot).
export function isUpcoming(a: Pick<Appointment, 'state' | 'slot_end'>, now: number): boolean {
  return a.state === 'booked' && a.slot_end > now;
}

// The bookings to come, soonest first; the others (checked in, cancelled,
// missed, over), newest first.
export function splitAppointments(items: readonly Appointment[], now: number): { upcoming: Appointment[]; past: Appointment[] } {
  const upcoming = items.filter((a) => isUpcoming(a, now)).sort((a, b) => a.slot_start - b.slot_start);
  const past = items.filter((a) => !isUpcoming(a, now)).sort((a, b) => b.slot_start - a.slot_start);
  return { upcoming, past };
}

export type AppointmentTone = 'progress' | 'done' | 'ended' | 'plain';

export function appointmentStatus(a: Pick<Appointment, 'state' | 'slot_end' | 'ticket_label'>, now: number): { text: string; tone: AppointmentTone } {
  switch (a.state) {
    case 'booked':
      return a.slot_end > now ? { text: '已预约', tone: 'progress' } : { text: '已过预约时段', tone: 'plain' };
    case 'checked_in':
      return { text: a.ticket_label ? `已签到,号码 ${a.ticket_label}` : '已签到', tone: 'done' };
    case 'cancelled':
      return { text: '已取消', tone: 'plain' };
    case 'no_show':
      return { text: '未按时签到(爽约)', tone: 'ended' };
  }
  return { text: String(a.state), tone: 'plain' };
}

// The list with one booking replaced by its new state (added when new).
export function withAppointment(items: readonly Appointment[], a: Appointment): Appointment[] {
  return items.some((x) => x.code === a.code) ? items.map((x) => (x.code === a.code ? a : x)) : [a, ...items];
}
