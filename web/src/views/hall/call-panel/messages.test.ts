import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import { panelError, skipText, windowMode } from './messages';

const err = (status: number, message: string, code = 'X') => new ApiError(status, code, message, 'window_id', '');

describe('panelError', () => {
  it('reads "nobody waits" as information, not failure', () => {
    expect(panelError('call', err(404, '当前没有等候的号', 'NOT_FOUND'))).toEqual({ tone: 'info', text: '当前没有等候的号' });
    expect(panelError('call', err(404, '请求的资源不存在', 'HTTP_404'))).toEqual({ tone: 'info', text: '当前没有等候的号' });
  });

  it('explains a paused window or one without groups', () => {
    expect(panelError('call', err(422, '窗口已暂停服务,请先开启窗口', 'UNPROCESSABLE')).text).toBe('窗口已暂停服务,请先开启窗口');
    expect(panelError('call', err(422, '请求无法处理', 'UNPROCESSABLE'))).toEqual({
      tone: 'warning', text: '本窗口暂停服务或未配置业务分组,不能叫号',
    });
    expect(panelError('transfer', err(422, '', 'UNPROCESSABLE')).text).toBe('目标业务分组已暂停,不能转入');
  });

  it('says nothing is called when a recall, skip or finish finds no ticket', () => {
    for (const action of ['recall', 'skip', 'finish'] as const) {
      expect(panelError(action, err(409, '操作与现有数据冲突', 'CONFLICT'))).toEqual({
        tone: 'warning', text: '本窗口当前没有正在呼叫的号',
      });
    }
    expect(panelError('call', err(409, '该号已被其他窗口呼叫,请重试', 'CONFLICT')).text).toBe('该号已被其他窗口呼叫,请重试');
  });

  it('names missing rights and passes other failures through with the request id', () => {
    expect(panelError('call', err(403, 'x')).text).toContain('没有窗口叫号的权限');
    expect(panelError('call', new ApiError(500, 'INTERNAL', '服务器出现错误', '', 'req-9'))).toEqual({
      tone: 'error', text: '服务器出现错误(请求编号 req-9)',
    });
    expect(panelError('call', new Error('boom')).tone).toBe('error');
  });
});

describe('window words', () => {
  it('names the window\'s mode and what a skip did', () => {
    expect(windowMode({ open: false, current: null })).toBe('paused');
    expect(windowMode({ open: true, current: null })).toBe('idle');
    expect(skipText('A015', 'waiting')).toBe('A015 已过号,重新排队');
    expect(skipText('A015', 'void')).toContain('作废');
  });
});
