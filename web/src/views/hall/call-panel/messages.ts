// What the call panel says after each action at the window: the server's
// own Chinese words where it sent specific ones, else a plain explanation
// of the status for that action (docs/api/hall.md: 404 nobody waits, 422
// paused or without groups, 409 nothing called).
import { ApiError, describeError } from '@/api/client';
import type { WindowState } from '@/api/hall';

export type PanelAction =
  | 'load' | 'sign-in' | 'sign-out' | 'call' | 'recall' | 'skip' | 'transfer' | 'finish' | 'pause' | 'resume';

export type Tone = 'success' | 'info' | 'warning' | 'error';

export interface PanelMessage {
  tone: Tone;
  text: string;
}

// The words a server or this client uses when it has nothing specific to say.
const GENERIC = new Set([
  '请求的资源不存在', '请求无法处理', '操作与现有数据冲突', '请求参数有误',
]);

function specific(e: ApiError): string {
  if (e.code.startsWith('HTTP_') || GENERIC.has(e.message) || e.message.trim() === '') return '';
  return e.message;
}

const NOTHING_CALLED = '本窗口当前没有正在呼叫的号';

export function panelError(action: PanelAction, e: unknown): PanelMessage {
  if (!(e instanceof ApiError)) return { tone: 'error', text: describeError(e) };
  const said = specific(e);
  switch (e.status) {
    case 404:
      // Nobody waiting is the normal end of a queue, not a failure.
      if (action === 'call') return { tone: 'info', text: said || '当前没有等候的号' };
      return { tone: 'error', text: said || '窗口不存在或不在您的管辖范围' };
    case 422:
      if (action === 'call') return { tone: 'warning', text: said || '本窗口暂停服务或未配置业务分组,不能叫号' };
      if (action === 'transfer') return { tone: 'warning', text: said || '目标业务分组已暂停,不能转入' };
      return { tone: 'warning', text: said || '当前无法执行此操作' };
    case 409:
      if (action === 'call') return { tone: 'warning', text: said || '该号已被其他窗口呼叫,请再叫一次' };
      if (action === 'recall' || action === 'skip' || action === 'finish' || action === 'transfer') {
        return { tone: 'warning', text: said || NOTHING_CALLED };
      }
      return { tone: 'warning', text: said || '窗口状态已变化,已重新读取' };
    case 403:
      return { tone: 'error', text: '您没有窗口叫号的权限(需要综合受理权限),或该窗口不在您的管辖范围' };
    default:
      return { tone: 'error', text: describeError(e) };
  }
}

export type WindowMode = 'serving' | 'idle' | 'paused';

export function windowMode(w: Pick<WindowState, 'open' | 'current'>): WindowMode {
  if (!w.open) return 'paused';
  return w.current ? 'serving' : 'idle';
}

export const WINDOW_MODE_LABELS: Record<WindowMode, string> = {
  serving: '服务中', idle: '空闲', paused: '暂停服务',
};

// What a skip did: back in the queue, or void once skipped too often.
export function skipText(label: string, state: string): string {
  return state === 'void' ? `${label} 已过号作废(过号次数已用完)` : `${label} 已过号,重新排队`;
}
