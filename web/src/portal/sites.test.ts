import { describe, expect, it } from 'vitest';
import type { Offer } from '@/api/catalog';
import type { Board } from '@/api/screen';
import { distanceKm, distanceText, queueSummary, sitesFromOffers, sortSites, type PortalSite } from './sites';

function site(id: number, unit_code: string, lonlat: [number, number] | null = null, name = `站点${id}`): PortalSite {
  return {
    id, name, kind: unit_code.length >= 12 ? 'point' : 'hall', address: '', hours: '', phone: '', unit_code,
    unit_name: '', longitude: lonlat ? lonlat[0] : null, latitude: lonlat ? lonlat[1] : null,
  };
}

function offer(site_id: number | null, over: Partial<Offer> = {}): Offer {
  return {
    id: 1, unit_code: '110101001', unit_name: '东华门街道', item_code: 'X', item_name: 'x', site_id,
    site_name: `站点${site_id}`, windows: '', address: '', hours: '', phone: '', note: '',
    shown_address: '地址甲', shown_hours: '工作日 9:00—17:00', shown_phone: '12333', version: 1, ...over,
  };
}

function board(over: Partial<Board> = {}): Board {
  return {
    site: { id: 1, name: '大厅' }, notice: '', open_now: true, hours: '', green_channel: false, remote_tickets: false,
    groups: [
      { code: 'a', name: '就业', prefix: 'A', waiting: 3, open_windows: 2, active: true },
      { code: 'b', name: '社保', prefix: 'B', waiting: 4, open_windows: 2, active: true },
    ],
    calls: [],
    windows: [
      { number: 1, name: '1 号窗口', state: 'serving', current: 'A001' },
      { number: 2, name: '2 号窗口', state: 'idle', current: null },
      { number: 3, name: '3 号窗口', state: 'paused', current: null },
    ],
    ...over,
  };
}

describe('distance', () => {
  it('measures great-circle kilometres', () => {
    // Tiananmen to the Temple of Heaven: about 3.6 km.
    const km = distanceKm({ longitude: 116.3975, latitude: 39.9087 }, { longitude: 116.4107, latitude: 39.8822 });
    expect(km).toBeGreaterThan(3.1);
    expect(km).toBeLessThan(3.4);
    expect(distanceKm({ longitude: 116, latitude: 40 }, { longitude: 116, latitude: 40 })).toBe(0);
  });

  it('reads as metres nearby and kilometres further', () => {
    expect(distanceText(0.004)).toBe('10 米');
    expect(distanceText(0.356)).toBe('360 米');
    expect(distanceText(1.26)).toBe('1.3 公里');
    expect(distanceText(23.4)).toBe('23 公里');
  });
});

describe('site order', () => {
  const here = { longitude: 116.40, latitude: 39.90 };
  const far = site(1, '110101001', [116.50, 39.95]);
  const near = site(2, '110102003', [116.401, 39.901]);
  const unplaced = site(3, '110101001001');

  it('puts the nearest first and the sites without a position last', () => {
    const order = sortSites([unplaced, far, near], here);
    expect(order.map((p) => p.site.id)).toEqual([2, 1, 3]);
    expect(order[0]?.km).toBeLessThan(0.2);
    expect(order[2]?.km).toBeNull();
  });

  it('without a position goes by district, the street hall before its points', () => {
    const point = site(4, '110101001002');
    const xicheng = site(5, '110102003');
    const dongcheng = site(6, '110101002');
    const hall = site(7, '110101001');
    expect(sortSites([xicheng, point, dongcheng, hall], null).map((p) => p.site.id)).toEqual([7, 4, 6, 5]);
    expect(sortSites([far, near], null).every((p) => p.km === null)).toBe(true);
  });
});

describe('sites from the implementation lists', () => {
  it('lists each site once, with its own address rather than an offer\'s override', () => {
    const sites = sitesFromOffers([
      offer(1, { address: '另一处', shown_address: '另一处' }),
      offer(1),
      offer(null),
      offer(3, { unit_code: '110101001001', unit_name: '第一社区' }),
    ]);
    expect(sites.map((s) => [s.id, s.kind, s.address, s.hours, s.phone])).toEqual([
      [1, 'hall', '地址甲', '工作日 9:00—17:00', '12333'],
      [3, 'point', '地址甲', '工作日 9:00—17:00', '12333'],
    ]);
  });
});

describe('today\'s queue in words', () => {
  it('counts the waiting and the open windows', () => {
    const q = queueSummary(board());
    expect(q).toMatchObject({ state: 'waiting', waiting: 7, openWindows: 2, estimateMinutes: null, text: '7 人等候' });
  });

  it('estimates only from a known service time', () => {
    expect(queueSummary(board(), 6)).toMatchObject({ estimateMinutes: 21, text: '7 人等候,预计等候约 21 分钟' });
  });

  it('says when nobody waits, when tickets are closed and when a site has no queue', () => {
    const quiet = board({ groups: [{ code: 'a', name: '就业', prefix: 'A', waiting: 0, open_windows: 1, active: true }] });
    expect(queueSummary(quiet).text).toBe('目前无人等候,到厅即可办理');
    expect(queueSummary(board({ open_now: false })).state).toBe('closed');
    expect(queueSummary(board({ open_now: false })).text).toBe('现在不是取号时间,仍有 7 人等候');
    expect(queueSummary(board({ groups: [], windows: [] }))).toMatchObject({ state: 'none', text: '本站点不设排队取号' });
  });

  it('leaves paused groups out of the count', () => {
    const paused = board({ groups: [{ code: 'a', name: '就业', prefix: 'A', waiting: 5, open_windows: 0, active: false }] });
    expect(queueSummary(paused)).toMatchObject({ state: 'idle', waiting: 0 });
  });
});
