import { describe, expect, it } from 'vitest';
import type { Board, BoardGroup, CallEvent } from '@/api/screen';
import {
  applyCall, callTime, groupTile, marqueeSeconds, shownWindows, waitingSummary, windowGrid, windowTile,
} from './board';

const board = (): Board => ({
  site: { id: 1, name: '朝阳区社保大厅' },
  notice: '',
  open_now: true,
  hours: '08:30-12:00,13:00-17:00',
  green_channel: true,
  remote_tickets: false,
  groups: [],
  calls: [
    { label: 'A002', window_number: 1, window_name: '综合受理', at: 2 },
    { label: 'B001', window_number: 2, window_name: '社保', at: 1 },
  ],
  windows: [
    { number: 2, name: '社保', state: 'serving', current: 'B001' },
    { number: 1, name: '综合受理', state: 'serving', current: 'A002' },
    { number: 3, name: '就业', state: 'closed', current: null },
    { number: 4, name: '就业', state: 'idle', current: null },
  ],
});

const call = (label: string, window: number, kind: 'call' | 'recall' = 'call'): CallEvent =>
  ({ kind, label, window_number: window, window_name: `窗口${window}`, text: '' });

describe('a call on the hall screen', () => {
  it('goes on top of the list and onto its window', () => {
    const after = applyCall(board(), call('A003', 1), 9);
    expect(after.calls.map((c) => c.label)).toEqual(['A003', 'A002', 'B001']);
    expect(after.calls[0]).toMatchObject({ window_number: 1, at: 9 });
    expect(after.windows.find((w) => w.number === 1)).toMatchObject({ state: 'serving', current: 'A003' });
  });

  it('moves a recalled ticket up instead of listing it twice', () => {
    const after = applyCall(board(), call('B001', 2, 'recall'), 9);
    expect(after.calls.map((c) => c.label)).toEqual(['B001', 'A002']);
  });

  it('keeps the latest eight', () => {
    let b = board();
    for (let i = 10; i < 20; i++) b = applyCall(b, call(`A0${i}`, 1), i);
    expect(b.calls).toHaveLength(8);
    expect(b.calls[0]!.label).toBe('A019');
  });

  it('takes a transferred ticket off the window that had it', () => {
    const after = applyCall(board(), call('B001', 4), 9);
    expect(after.windows.find((w) => w.number === 2)).toMatchObject({ current: null, state: 'idle' });
    expect(after.windows.find((w) => w.number === 4)).toMatchObject({ current: 'B001', state: 'serving' });
  });
});

describe('the windows and groups on the hall screen', () => {
  it('shows open windows by number', () => {
    expect(shownWindows(board().windows).map((w) => w.number)).toEqual([1, 2, 4]);
  });

  it('fits the windows into their panel', () => {
    expect(windowGrid(0)).toEqual({ columns: 4, density: 'roomy' });
    expect(windowGrid(6)).toEqual({ columns: 6, density: 'roomy' });
    expect(windowGrid(7)).toEqual({ columns: 4, density: 'normal' });
    expect(windowGrid(12)).toEqual({ columns: 6, density: 'normal' });
    expect(windowGrid(13)).toEqual({ columns: 5, density: 'dense' });
    expect(windowGrid(24)).toEqual({ columns: 8, density: 'dense' });
    expect(windowGrid(30)).toEqual({ columns: 8, density: 'dense' });
  });

  it('names what each window does', () => {
    expect(windowTile({ number: 1, name: '综合', state: 'serving', current: 'A001' }))
      .toEqual({ label: 'A001', status: '正在办理', name: '综合' });
    expect(windowTile({ number: 1, name: '1 号窗口', state: 'idle', current: null }))
      .toEqual({ label: '', status: '等候叫号', name: '' });
    expect(windowTile({ number: 1, name: '', state: 'paused', current: 'A001' })).toMatchObject({ label: 'A001', status: '暂停服务' });
    expect(windowTile({ number: 1, name: '', state: 'closed', current: null })).toMatchObject({ label: '', status: '未开放' });
  });

  const group = (over: Partial<BoardGroup>): BoardGroup =>
    ({ code: 'g', name: '社保', prefix: 'A', waiting: 3, open_windows: 2, active: true, ...over });

  it('shows a paused group as 暂停取号', () => {
    expect(groupTile(group({ active: false }))).toEqual({ paused: true, waiting: '3', note: '暂停取号' });
    expect(groupTile(group({}))).toEqual({ paused: false, waiting: '3', note: '2 个窗口办理' });
    expect(groupTile(group({ open_windows: 0 })).note).toBe('暂无开放窗口');
  });

  it('sums up who waits', () => {
    expect(waitingSummary([])).toBe('当前无人等候');
    expect(waitingSummary([group({ waiting: 0 })])).toBe('当前无人等候');
    expect(waitingSummary([group({ waiting: 3 }), group({ waiting: 4 }), group({ waiting: 5, active: false })])).toBe('共 12 人等候');
  });

  it('gives call times in Beijing', () => {
    expect(callTime(Date.UTC(2026, 10, 25, 1, 5))).toBe('09:05');
    expect(callTime(0)).toBe('');
  });
});

describe('the notice', () => {
  it('stays still when it fits and scrolls at a readable pace when it does not', () => {
    expect(marqueeSeconds(800, 1000)).toBe(0);
    expect(marqueeSeconds(2600, 1000, 90)).toBe(40);
    expect(marqueeSeconds(1001, 1000, 1000)).toBe(5);
    expect(marqueeSeconds(500, 0)).toBe(0);
  });
});
