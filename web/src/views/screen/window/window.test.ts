import { describe, expect, it } from 'vitest';
import type { CallEvent, WindowBoard } from '@/api/screen';
import { applyWindowCall, callsThisWindow, photoKey, shownCurrent, stateText, surnameInitial } from './window';

const board = (over: Partial<WindowBoard> = {}): WindowBoard => ({
  window: { id: 11, number: 3, name: '综合受理' },
  site: { id: 1, name: '朝阳区社保大厅' },
  state: 'idle',
  clerk: { name: '张三', badge: '0107', has_photo: true },
  current: null,
  groups: ['社保', '就业'],
  ...over,
});
const call = (window: number): CallEvent => ({ kind: 'call', label: 'A015', window_number: window, window_name: '', text: '' });

describe('the window screen', () => {
  it('shows the surname when there is no photo', () => {
    expect(surnameInitial('张三')).toBe('张');
    expect(surnameInitial(' 欧阳修')).toBe('欧');
    expect(surnameInitial('𠮷田')).toBe('𠮷');
    expect(surnameInitial('li lei')).toBe('L');
    expect(surnameInitial('')).toBe('');
  });

  it('lights up for a call to its own number only', () => {
    expect(callsThisWindow(call(3), board())).toBe(true);
    expect(callsThisWindow(call(4), board())).toBe(false);
    expect(callsThisWindow(call(3), null)).toBe(false);
    expect(applyWindowCall(board(), call(3))).toMatchObject({ current: 'A015', state: 'serving' });
    expect(applyWindowCall(board(), call(4))).toEqual(board());
  });

  it('names its state', () => {
    expect(stateText(board({ state: 'serving' }))).toBe('正在办理');
    expect(stateText(board({ state: 'idle' }))).toBe('等候叫号');
    expect(stateText(board({ state: 'paused' }))).toBe('暂停服务');
    expect(stateText(board({ state: 'closed' }))).toBe('暂停服务');
    expect(stateText(board({ state: 'closed', clerk: null }))).toBe('未开放');
  });

  it('shows the number being served', () => {
    expect(shownCurrent(board({ state: 'serving', current: 'A015' }))).toBe('A015');
    expect(shownCurrent(board({ state: 'paused', current: 'A015' }))).toBe('A015');
    expect(shownCurrent(board({ state: 'idle', current: 'A015' }))).toBe('');
  });

  it('fetches a new photo for a new clerk', () => {
    expect(photoKey(board())).toBe('0107-张三');
    expect(photoKey(board({ clerk: { name: '李四', badge: '0108', has_photo: false } }))).toBe('');
    expect(photoKey(board({ clerk: null }))).toBe('');
  });
});
