import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import type { Appointment, Ticket } from '@/api/hall';
import type { KioskCheckIn, KioskTicket } from '@/api/kiosk';
import {
  aheadText, groupUnavailable, hoursText, isUnpaired, kioskProblem, printText, resultOfCheckIn, resultOfTicket,
} from './result';

const ticket: Ticket = {
  id: 7, site_id: 1, group_id: 2, group_name: '', day: '20261127', label: 'A015', number: 15,
  channel: 'kiosk', state: 'waiting', green: false, taken_at: 0,
};
const NINE = Date.UTC(2026, 10, 27, 1, 0);

describe('the result page', () => {
  it('shows the ticket, its group and how many wait before it', () => {
    const answer: KioskTicket = { ticket, ahead: 3, printed: true };
    expect(resultOfTicket(answer, '就业服务')).toEqual({
      label: 'A015', groupName: '就业服务', ahead: 3, printed: true, green: false, slot: '',
    });
    expect(resultOfTicket({ ...answer, ticket: { ...ticket, group_name: '社保业务' } }, '就业服务').groupName).toBe('社保业务');
  });

  it('shows a checked-in booking with its time, and the count when it is given', () => {
    const appointment = { group_name: '社保业务', slot_start: NINE, slot_end: NINE + 1_800_000 } as Appointment;
    const answer: KioskCheckIn = { ticket: { ...ticket, channel: 'appointment', green: true }, appointment, printed: false };
    expect(resultOfCheckIn(answer)).toEqual({
      label: 'A015', groupName: '社保业务', ahead: null, printed: false, green: true, slot: '09:00-09:30',
    });
    expect(resultOfCheckIn({ ...answer, ahead: 2 }).ahead).toBe(2);
  });

  it('says how many are ahead, and what to do with the slip', () => {
    expect(aheadText(0)).toBe('前面没有人等候,请留意叫号');
    expect(aheadText(12)).toBe('前面还有 12 人');
    expect(aheadText(null)).toBe('');
    expect(printText(true)).toBe('凭条已打印,请取走');
    expect(printText(false)).toBe('请记下您的号码');
  });
});

describe('groupUnavailable', () => {
  const g = { code: 'emp', name: '就业服务', prefix: 'A', waiting: 0, open_windows: 2, active: true };
  it('gives the reason a group cannot be taken', () => {
    expect(groupUnavailable(g)).toBe('');
    expect(groupUnavailable({ ...g, open_windows: 0 })).toBe('暂无窗口办理');
    expect(groupUnavailable({ ...g, active: false, open_windows: 0 })).toBe('暂停取号');
  });
});

describe('hoursText', () => {
  it('lists the periods', () => {
    expect(hoursText('08:30-12:00,13:00-17:00')).toBe('08:30-12:00、13:00-17:00');
    expect(hoursText('工作日 08:30-12:00,13:00-17:00,周末及节假日休息')).toBe('工作日 08:30-12:00、13:00-17:00、周末及节假日休息');
    expect(hoursText('')).toBe('');
  });
});

describe('kioskProblem', () => {
  const err = (status: number, message: string, code = 'X') => new ApiError(status, code, message, '', 'r9');

  it('shows the server message under a title that says what happened', () => {
    expect(kioskProblem(err(422, '当前不在取号时间'), 'ticket')).toEqual(
      { title: '现在不能取号', message: '当前不在取号时间', requestId: 'r9' });
    expect(kioskProblem(err(409, '该预约已签到'), 'check-in').title).toBe('您已签到');
    expect(kioskProblem(err(422, '请在预约时段前 60 分钟内签到'), 'check-in')).toMatchObject(
      { title: '现在不能签到', message: '请在预约时段前 60 分钟内签到' });
    expect(kioskProblem(err(404, '请求的资源不存在', 'HTTP_404'), 'check-in').message).toContain('请核对预约码');
    expect(kioskProblem(err(404, '今天没有这个预约'), 'check-in').message).toBe('今天没有这个预约');
    expect(kioskProblem(err(0, '无法连接服务器'), 'ticket').title).toBe('网络连接中断');
    expect(kioskProblem(new Error('x'), 'ticket').title).toBe('操作没有成功');
  });

  it('knows an unpaired kiosk by its 401', () => {
    expect(isUnpaired(err(401, '请先登录'))).toBe(true);
    expect(isUnpaired(err(403, '无权'))).toBe(false);
    expect(isUnpaired(new Error('x'))).toBe(false);
  });
});
