// What the kiosk says after 取号 or 预约签到, and why a group cannot be
// taken: the words only, so they are tested without a browser.
import { ApiError } from '@/api/client';
import type { KioskCheckIn, KioskTicket } from '@/api/kiosk';
import type { BoardGroup } from '@/api/screen';
import { slotText } from '@/views/appointments/shared/format';

// The one big result page of both.
export interface TicketResult {
  label: string;          // A015
  groupName: string;
  ahead: number | null;   // null: the answer did not say
  printed: boolean;
  green: boolean;
  slot: string;           // the booking's time, "" for a walk-in ticket
}

export function resultOfTicket(answer: KioskTicket, groupName: string): TicketResult {
  return {
    label: answer.ticket.label,
    groupName: answer.ticket.group_name || groupName,
    ahead: Number.isFinite(answer.ahead) ? answer.ahead : null,
    printed: answer.printed,
    green: answer.ticket.green,
    slot: '',
  };
}

export function resultOfCheckIn(answer: KioskCheckIn): TicketResult {
  const a = answer.appointment;
  return {
    label: answer.ticket.label,
    groupName: answer.ticket.group_name || a.group_name,
    ahead: typeof answer.ahead === 'number' && Number.isFinite(answer.ahead) ? answer.ahead : null,
    printed: answer.printed,
    green: answer.ticket.green,
    slot: slotText(a.slot_start, a.slot_end),
  };
}

export function aheadText(ahead: number | null): string {
  if (ahead === null) return '';
  return ahead <= 0 ? '前面没有人等候,请留意叫号' : `前面还有 ${ahead} 人`;
}

// A printed slip is to be taken; without one the number must be noted.
export function printText(printed: boolean): string {
  return printed ? '凭条已打印,请取走' : '请记下您的号码';
}

// Why a group's tile is greyed out; "" when it can be taken.
export function groupUnavailable(g: BoardGroup): string {
  if (!g.active) return '暂停取号';
  if (g.open_windows <= 0) return '暂无窗口办理';
  return '';
}

// The site's hours as they are read: "08:30-12:00,13:00-17:00" -> "08:30-12:00、13:00-17:00"
// (the server may send them in words, "工作日 08:30-12:00,13:00-17:00,周末及节假日休息").
export function hoursText(hours: string): string {
  const parts = hours.split(',').map((p) => p.trim()).filter((p) => p !== '');
  return parts.length > 0 ? parts.join('、') : '';
}

// A refusal shown big on the kiosk: the server's own Chinese message, with
// a title for the statuses the contract names, and the request id small.
export interface KioskProblem {
  title: string;
  message: string;
  requestId: string;
}

export type KioskAction = 'ticket' | 'check-in';

export function kioskProblem(e: unknown, action: KioskAction): KioskProblem {
  if (!(e instanceof ApiError)) return { title: '操作没有成功', message: '发生未知错误,请稍后再试', requestId: '' };
  const requestId = e.requestId;
  if (e.status === 0) return { title: '网络连接中断', message: '暂时无法连接服务器,请稍后再试或到咨询台取号', requestId };
  if (action === 'check-in') {
    if (e.status === 409) return { title: '您已签到', message: e.message, requestId };
    if (e.status === 422) return { title: '现在不能签到', message: e.message, requestId };
    if (e.status === 404) {
      const message = e.code.startsWith('HTTP_') ? '没有找到您今天的预约,请核对预约码或身份证号码' : e.message;
      return { title: '没有找到预约', message, requestId };
    }
  }
  if (e.status === 422) return { title: action === 'ticket' ? '现在不能取号' : '操作没有成功', message: e.message, requestId };
  return { title: '操作没有成功', message: e.message, requestId };
}

export const isUnpaired = (e: unknown): boolean => e instanceof ApiError && e.status === 401;
