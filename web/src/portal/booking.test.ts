import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import type { Appointment, BoardGroup } from './api';
import {
  appointmentStatus, bookableSites, bookingBody, bookingGroups, bookingPhoneProblem, bookingRefusal, heldTicketText,
  initialGroup, isUpcoming, siteIdOf, splitAppointments, ticketGroups, ticketOffer, ticketPhoneProblem, ticketRefusal,
  validateBooking, withAppointment,
} from './booking';
import type { PortalSite } from './sites';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 9, 2, 0);  // 2026-03-09 10:00 in Beijing

function appt(code: string, start: number, over: Partial<Appointment> = {}): Appointment {
  return {
    code, site_id: 1, site_name: '东华门街道便民服务中心', group: 'employment', group_name: '就业服务', day: '2026-03-09',
    slot_start: start, slot_end: start + HOUR / 2, name_masked: '张*', id_masked: '1101**********1234',
    phone_masked: '138****0000', green: false, state: 'booked', ticket_label: null, ...over,
  };
}

function group(code: string, over: Partial<BoardGroup> = {}): BoardGroup {
  return { code, name: `分组${code}`, prefix: code.toUpperCase().slice(0, 1), waiting: 2, open_windows: 1, active: true, ...over };
}

const err = (status: number, field = '', code = 'X', message = '服务器的话') => new ApiError(status, code, message, field, 'req-1');

describe('where and what', () => {
  it('reads the site of the address', () => {
    expect(siteIdOf('12')).toBe(12);
    expect(siteIdOf(['7', '8'])).toBe(7);
    for (const bad of [undefined, null, '', '0', '-3', '1.5', 'abc', '12x', '99999999999999999']) expect(siteIdOf(bad), String(bad)).toBeNull();
  });

  it('offers only the sites that take bookings', () => {
    const sites = [{ id: 1, appointments: true }, { id: 2, appointments: false }, { id: 3, appointments: true }] as PortalSite[];
    expect(bookableSites(sites).map((s) => s.id)).toEqual([1, 3]);
  });

  it('greys out paused groups for booking, and groups without a window for tickets', () => {
    const board = { groups: [group('a'), group('b', { active: false }), group('c', { open_windows: 0 })] };
    expect(bookingGroups(board).map((g) => g.unavailable)).toEqual(['', '暂停预约', '']);
    expect(ticketGroups(board).map((g) => g.unavailable)).toEqual(['', '暂停取号', '暂无窗口办理']);
  });

  it('says why tickets cannot be taken on the web now', () => {
    const board = { remote_tickets: true, open_now: true, hours: '工作日 08:30-12:00', groups: [group('a')] };
    expect(ticketOffer(board)).toBe('');
    expect(ticketOffer({ ...board, remote_tickets: false })).toMatch(/未开通网上取号/);
    expect(ticketOffer({ ...board, open_now: false })).toBe('现在不在取号时间内。取号时间:工作日 08:30-12:00。');
    expect(ticketOffer({ ...board, groups: [] })).toMatch(/暂未设置业务类型/);
  });

  it('starts with the wanted group, or the only one that can be chosen', () => {
    const choices = ticketGroups({ groups: [group('a'), group('b', { active: false })] });
    expect(initialGroup(choices)).toBe('a');
    expect(initialGroup(choices, 'b')).toBe('a');
    const two = bookingGroups({ groups: [group('a'), group('b')] });
    expect(initialGroup(two)).toBe('');
    expect(initialGroup(two, 'b')).toBe('b');
    expect(initialGroup([])).toBe('');
  });
});

describe('phone', () => {
  it('needs a mobile for a booking only when the account has none', () => {
    expect(bookingPhoneProblem('', '138****0000')).toBe('');
    expect(bookingPhoneProblem('', '')).toMatch(/请填写手机号码/);
    expect(bookingPhoneProblem('139 1234 5678', '')).toBe('');
    expect(bookingPhoneProblem('010-65123456', '')).toBe('请输入 11 位手机号码');
    expect(bookingPhoneProblem('1381234567', '138****0000')).toBe('请输入 11 位手机号码');
  });

  it('always needs a typed mobile for a ticket', () => {
    expect(ticketPhoneProblem('')).toBe('请输入手机号码');
    expect(ticketPhoneProblem(' 13812345678 ')).toBe('');
    expect(ticketPhoneProblem('12812345678')).toBe('请输入 11 位手机号码');
  });
});

describe('the booking form', () => {
  const slot = { start: NOW + 2 * HOUR, end: NOW + 2.5 * HOUR, capacity: 4, booked: 1, left: 3 };

  it('names every missing choice in the order of the page', () => {
    expect(validateBooking({ siteId: null, group: '', slot: null, phone: '' }, '').map((p) => p.field)).toEqual(['site', 'phone']);
    expect(validateBooking({ siteId: 1, group: '', slot: null, phone: '' }, '138****0000').map((p) => p.field)).toEqual(['group']);
    expect(validateBooking({ siteId: 1, group: 'a', slot: null, phone: 'x' }, '').map((p) => p.field)).toEqual(['slot', 'phone']);
    expect(validateBooking({ siteId: 1, group: 'a', slot, phone: '' }, '138****0000')).toEqual([]);
  });

  it('sends the phone only when one was typed', () => {
    expect(bookingBody({ siteId: 3, group: 'a', slot, phone: ' ' })).toEqual({ site_id: 3, group: 'a', slot_start: slot.start });
    expect(bookingBody({ siteId: 3, group: 'a', slot, phone: '138 1234 5678' }))
      .toEqual({ site_id: 3, group: 'a', slot_start: slot.start, phone: '13812345678' });
  });
});

describe('refusals', () => {
  it('shows slot refusals at the slots and reads them again', () => {
    const full = bookingRefusal(err(409, 'slot_start', 'CONFLICT', '该时段已约满,请选择其他时段'));
    expect(full).toEqual({ place: 'slot', message: '该时段已约满,请选择其他时段', reloadSlots: true });
    expect(bookingRefusal(err(409, 'slot_start', 'CONFLICT', '您当天在本场所已有预约')).place).toBe('slot');
    expect(bookingRefusal(err(422, 'slot_start', 'UNPROCESSABLE', '该时段已过')).reloadSlots).toBe(true);
  });

  it('puts the rest at its field, on the booking or on the form', () => {
    expect(bookingRefusal(err(400, 'phone')).place).toBe('phone');
    expect(bookingRefusal(err(422, 'group')).place).toBe('group');
    expect(bookingRefusal(err(404, 'site_id')).place).toBe('site');
    expect(bookingRefusal(err(422, 'id_number', 'UNPROCESSABLE', '您近期多次预约未到')).place).toBe('form');
    expect(bookingRefusal(err(422, 'citizen')).place).toBe('form');
    expect(bookingRefusal(err(409, 'code', 'CONFLICT', '该预约已签到,号码为 A015'))).toEqual(
      { place: 'item', message: '该预约已签到,号码为 A015', reloadSlots: false });
    expect(bookingRefusal(err(404, 'code')).message).toMatch(/没有找到这个预约/);
    expect(bookingRefusal(err(401)).place).toBe('session');
    expect(bookingRefusal(new Error('x')).place).toBe('form');
  });

  it('adds the request id only to failures that are not business refusals', () => {
    expect(bookingRefusal(err(500, '', 'INTERNAL', '服务器出现错误')).message).toBe('服务器出现错误(请求编号 req-1)');
    expect(bookingRefusal(err(409, 'slot_start', 'CONFLICT', '已约满')).message).toBe('已约满');
  });

  it('names the ticket a phone already holds', () => {
    expect(heldTicketText('您已有等候中的号 A003,请留意叫号')).toBe('该手机号已有排队中的号 A003,请留意叫号,不用重复取号。');
    expect(heldTicketText('CONFLICT')).toBe('该手机号已有排队中的号,请留意叫号,不用重复取号。');
    const held = ticketRefusal(err(409, 'phone', 'CONFLICT', '您已有等候中的号 B012,请留意叫号'));
    expect(held).toEqual({ place: 'phone', message: '该手机号已有排队中的号 B012,请留意叫号,不用重复取号。', reloadBoard: false });
  });

  it('places ticket refusals and reads the board again when the hall changed', () => {
    expect(ticketRefusal(err(400, 'phone', 'INVALID_ARGUMENT', '手机号码格式不正确'))).toEqual(
      { place: 'phone', message: '手机号码格式不正确', reloadBoard: false });
    expect(ticketRefusal(err(422, 'group', 'UNPROCESSABLE', '现在不在取号时间内'))).toEqual(
      { place: 'group', message: '现在不在取号时间内', reloadBoard: true });
    expect(ticketRefusal(err(422, 'site', 'UNPROCESSABLE', '本场所未开通网上取号')).place).toBe('form');
    expect(ticketRefusal(new ApiError(0, 'NETWORK', '无法连接服务器')).message).toMatch(/网络连接中断/);
  });
});

describe('my appointments', () => {
  it('lists the bookings to come soonest first and the others newest first', () => {
    const later = appt('11111111', NOW + 48 * HOUR);
    const soon = appt('22222222', NOW + 2 * HOUR);
    const over = appt('33333333', NOW - 2 * HOUR);  // booked, slot ended, not yet marked as missed
    const cancelled = appt('44444444', NOW + 24 * HOUR, { state: 'cancelled' });
    const done = appt('55555555', NOW - 30 * HOUR, { state: 'checked_in', ticket_label: 'A015' });
    const { upcoming, past } = splitAppointments([later, cancelled, soon, over, done], NOW);
    expect(upcoming.map((a) => a.code)).toEqual(['22222222', '11111111']);
    expect(past.map((a) => a.code)).toEqual(['44444444', '33333333', '55555555']);
  });

  it('counts a booking whose slot is running as still to come', () => {
    expect(isUpcoming(appt('1', NOW - HOUR / 4), NOW)).toBe(true);
    expect(isUpcoming(appt('1', NOW - HOUR / 2), NOW)).toBe(false);
  });

  it('says what became of each booking', () => {
    expect(appointmentStatus(appt('1', NOW + HOUR), NOW)).toEqual({ text: '已预约', tone: 'progress' });
    expect(appointmentStatus(appt('1', NOW - HOUR), NOW).text).toBe('已过预约时段');
    expect(appointmentStatus(appt('1', NOW, { state: 'checked_in', ticket_label: 'A015' }), NOW).text).toBe('已签到,号码 A015');
    expect(appointmentStatus(appt('1', NOW, { state: 'checked_in' }), NOW).text).toBe('已签到');
    expect(appointmentStatus(appt('1', NOW, { state: 'cancelled' }), NOW).tone).toBe('plain');
    expect(appointmentStatus(appt('1', NOW, { state: 'no_show' }), NOW).tone).toBe('ended');
  });

  it('replaces a changed booking in the list', () => {
    const a = appt('11111111', NOW + HOUR);
    const b = appt('22222222', NOW + 2 * HOUR);
    const moved = { ...a, slot_start: NOW + 5 * HOUR, slot_end: NOW + 5.5 * HOUR };
    expect(withAppointment([a, b], moved)).toEqual([moved, b]);
    expect(withAppointment([b], a)).toEqual([a, b]);
  });
});
