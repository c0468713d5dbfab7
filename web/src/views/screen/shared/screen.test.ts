import { describe, expect, it } from 'vitest';
import {
  CATCH_UP_MS, MAX_CALL_AGE_MS, ServerClock, connectionTrouble, isCatchUp, parseTime, phaseMessage, readScreenId,
  screenPhase, shouldAnnounce, windowNameShown, windowStateLabel,
} from './screen';

describe('the address of a live screen', () => {
  it('reads the id, and tells a missing one from a bad one', () => {
    expect(readScreenId({ site: '3' }, 'site')).toEqual({ id: 3 });
    expect(readScreenId({ site: ['7', '8'] }, 'site')).toEqual({ id: 7 });
    expect(readScreenId({}, 'site')).toEqual({ problem: 'missing' });
    expect(readScreenId({ site: '' }, 'site')).toEqual({ problem: 'missing' });
    expect(readScreenId({ site: null }, 'site')).toEqual({ problem: 'missing' });
    expect(readScreenId({ site: '0' }, 'site')).toEqual({ problem: 'bad' });
    expect(readScreenId({ site: '3a' }, 'site')).toEqual({ problem: 'bad' });
    expect(readScreenId({ window: '12' }, 'site')).toEqual({ problem: 'missing' });
  });

  it('says in Chinese what is wrong with it', () => {
    expect(phaseMessage('hall', 'bad-address', { problem: 'missing' })).toBe('请在地址中指定服务场所编号,例如 ?site=1');
    expect(phaseMessage('window', 'bad-address', { problem: 'bad' })).toMatch(/窗口编号无效/);
    expect(phaseMessage('window', 'not-found', { id: 9 })).toBe('未找到编号为 9 的窗口,请核对地址中的 window 参数');
    expect(phaseMessage('hall', 'loading', { id: 1 })).toBe('正在加载…');
    expect(phaseMessage('hall', 'ready', { id: 1 })).toBe('');
  });
});

describe('what a live screen shows', () => {
  const address = { id: 1 };
  it('keeps its data whatever fails later', () => {
    expect(screenPhase({ address, hasData: true, lastStatus: 404 })).toBe('ready');
    expect(screenPhase({ address, hasData: true, lastStatus: 0 })).toBe('ready');
  });
  it('waits calmly before the first data, and names an address that finds nothing', () => {
    expect(screenPhase({ address, hasData: false, lastStatus: null })).toBe('loading');
    expect(screenPhase({ address, hasData: false, lastStatus: 0 })).toBe('loading');
    expect(screenPhase({ address, hasData: false, lastStatus: 503 })).toBe('loading');
    expect(screenPhase({ address, hasData: false, lastStatus: 404 })).toBe('not-found');
    expect(screenPhase({ address: { problem: 'bad' }, hasData: false, lastStatus: null })).toBe('bad-address');
  });
  it('admits a connection problem when loads fail or the stream stays down', () => {
    expect(connectionTrouble(0, null, 100_000)).toBe(false);
    expect(connectionTrouble(1, null, 100_000)).toBe(true);
    expect(connectionTrouble(0, 95_000, 100_000)).toBe(false);  // a reconnection normally takes a moment
    expect(connectionTrouble(0, 90_000, 100_000)).toBe(true);
  });
});

describe('the server clock and replayed calls', () => {
  it('takes the server time at the middle of the request', () => {
    const clock = new ServerClock();
    clock.calibrate(10_000, 1_000, 1_200);
    expect(clock.offset).toBe(8_900);
    expect(clock.now(2_000)).toBe(10_900);
    clock.calibrate(Number.NaN, 0, 0);
    expect(clock.offset).toBe(8_900);
  });

  it('trusts a live event over a wrong estimate', () => {
    const clock = new ServerClock();
    clock.observeLive(1_000_500, 1_000_000);  // close enough
    expect(clock.offset).toBe(0);
    clock.observeLive(5_000_000, 1_000_000);  // this screen's clock is an hour behind
    expect(clock.offset).toBe(4_000_000);
  });

  it('announces live calls, and replayed ones only while recent', () => {
    const clock = new ServerClock();
    const openedAt = 1_000_000;
    const replay = (eventAt: number | null) => ({ receivedAt: openedAt + 200, openedAt, resumed: true, eventAt });
    expect(isCatchUp(replay(0))).toBe(true);
    expect(shouldAnnounce(replay(openedAt - 10_000), clock)).toBe(true);
    expect(shouldAnnounce(replay(openedAt - MAX_CALL_AGE_MS - 1_000), clock)).toBe(false);
    expect(shouldAnnounce(replay(null), clock)).toBe(true);
    // The first connection replays nothing old; later events are live.
    expect(shouldAnnounce({ ...replay(0), resumed: false }, clock)).toBe(true);
    expect(shouldAnnounce({ ...replay(0), receivedAt: openedAt + CATCH_UP_MS + 1 }, clock)).toBe(true);
  });

  it('reads event times', () => {
    expect(parseTime('2026-11-25T02:00:00.123Z')).toBe(Date.UTC(2026, 10, 25, 2, 0, 0, 123));
    expect(parseTime('soon')).toBeNull();
    expect(parseTime(12)).toBeNull();
  });
});

describe('the state of a window', () => {
  it('is named as the hall names it', () => {
    expect(windowStateLabel('serving')).toBe('正在办理');
    expect(windowStateLabel('idle')).toBe('等候叫号');
    expect(windowStateLabel('paused')).toBe('暂停服务');
    expect(windowStateLabel('closed')).toBe('未开放');
    expect(windowStateLabel('closed', true)).toBe('暂停服务');
    expect(windowStateLabel('paused', true)).toBe('暂停服务');
  });
});

describe('the name of a window', () => {
  it('is left out when it only repeats the number', () => {
    expect(windowNameShown(1, '1 号窗口')).toBe('');
    expect(windowNameShown(12, '窗口12')).toBe('');
    expect(windowNameShown(3, '3')).toBe('');
    expect(windowNameShown(3, ' 社保综合 ')).toBe('社保综合');
    expect(windowNameShown(3, '13 号窗口')).toBe('13 号窗口');
  });
});
