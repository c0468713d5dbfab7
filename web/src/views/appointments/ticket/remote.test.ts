import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/client';
import { takeRemoteTicket } from '@/api/kiosk';
import type { Board, BoardGroup } from '@/api/screen';
import { groupChoices, hoursLines, openText, remoteOffer, remoteProblem } from './remote';

const group = (over: Partial<BoardGroup> = {}): BoardGroup =>
  ({ code: 'employment', name: '就业服务', prefix: 'A', waiting: 3, open_windows: 2, active: true, ...over });

const board = (over: Partial<Board> = {}): Board => ({
  site: { id: 1, name: '朝阳区社保大厅' },
  notice: '',
  open_now: true,
  hours: '工作日 08:30-12:00,13:00-17:00,周末及节假日休息',
  green_channel: true,
  remote_tickets: true,
  groups: [group()],
  calls: [],
  windows: [],
  ...over,
});

describe('what 网上取号 offers', () => {
  it('takes tickets only where the site allows it, within the hours, with groups', () => {
    expect(remoteOffer(board())).toBe('open');
    expect(remoteOffer(board({ remote_tickets: false }))).toBe('off');
    expect(remoteOffer(board({ remote_tickets: false, open_now: false }))).toBe('off');
    expect(remoteOffer(board({ open_now: false }))).toBe('closed');
    expect(remoteOffer(board({ groups: [] }))).toBe('no-groups');
  });

  it('says whether tickets are given now', () => {
    expect(openText(board())).toBe('现在可以取号');
    expect(openText(board({ remote_tickets: false }))).toBe('大厅现在可以取号');
    expect(openText(board({ open_now: false }))).toBe('现在不是取号时间');
  });

  it('gives a reason for each group that cannot be taken', () => {
    const choices = groupChoices(board({
      groups: [group(), group({ code: 'insurance', open_windows: 0 }), group({ code: 'general', active: false })],
    }));
    expect(choices.map((c) => c.unavailable)).toEqual(['', '暂无窗口办理', '暂停取号']);
    expect(choices[0]).toEqual({ code: 'employment', name: '就业服务', waiting: 3, unavailable: '' });
  });
});

describe('the hours as lines', () => {
  it('puts each kind of day on its own line', () => {
    expect(hoursLines('工作日 08:30-12:00,13:00-17:00,周末及节假日休息'))
      .toEqual([['工作日 08:30-12:00', '13:00-17:00'], ['周末及节假日休息']]);
    expect(hoursLines('工作日 00:00-24:00,周末及节假日 09:00-12:00,13:00-16:00'))
      .toEqual([['工作日 00:00-24:00'], ['周末及节假日 09:00-12:00', '13:00-16:00']]);
  });

  it('reads plain periods and nothing', () => {
    expect(hoursLines('08:30-12:00,13:00-17:00')).toEqual([['08:30-12:00', '13:00-17:00']]);
    expect(hoursLines('')).toEqual([]);
  });
});

describe('a refusal of 网上取号', () => {
  it('shows the number already held (409) with the server\'s words', () => {
    const p = remoteProblem(new ApiError(409, 'CONFLICT', '您已有等候中的号 A003,请留意叫号', 'phone'));
    expect(p).toEqual({ kind: 'held', title: '您已取过号', message: '您已有等候中的号 A003,请留意叫号' });
  });

  it('puts a wrong mobile number on its field', () => {
    const p = remoteProblem(new ApiError(400, 'INVALID_ARGUMENT', '手机号码应为 11 位数字,以 13 至 19 开头', 'phone'));
    expect(p.kind).toBe('field');
    expect(p.message).toContain('11 位');
  });

  it('says why not now (422) and what a missing group means', () => {
    const hours = remoteProblem(new ApiError(422, 'UNPROCESSABLE', '现在不在取号时间内(取号时间:工作日 08:30-12:00)', 'group'));
    expect(hours).toEqual({ kind: 'refused', title: '现在不能取号', message: '现在不在取号时间内(取号时间:工作日 08:30-12:00)' });
    expect(remoteProblem(new ApiError(422, 'UNPROCESSABLE', '本场所未开通网上取号,请到大厅自助终端取号', 'site')).kind)
      .toBe('refused');
    expect(remoteProblem(new ApiError(404, 'HTTP_404', '请求的资源不存在')).message).toContain('自助终端');
  });

  it('offers 重试 when the network failed', () => {
    expect(remoteProblem(new ApiError(0, 'NETWORK', '无法连接服务器,请检查网络后重试')).kind).toBe('network');
  });

  it('shows anything else with its request id', () => {
    const p = remoteProblem(new ApiError(500, 'INTERNAL', '服务器出现错误', '', 'req-1'));
    expect(p.kind).toBe('other');
    expect(p.message).toContain('req-1');
  });
});

describe('the 网上取号 request', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts the group and the mobile number to the site, without a device token', async () => {
    const f = vi.fn(async () => new Response('{"ticket":{"label":"A004"},"ahead":3}', { status: 201 }));
    vi.stubGlobal('fetch', f);
    const answer = await takeRemoteTicket(7, { group: 'employment', phone: '13800138000' });
    expect(answer.ahead).toBe(3);
    const [path, init] = f.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/hall/sites/7/remote-tickets');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({ group: 'employment', phone: '13800138000' });
    expect((init.headers as Record<string, string>).Authorization).toBeUndefined();
  });
});
