import { describe, expect, it } from 'vitest';
import {
  distanceKm, distanceText, districtsOf, estimatedWaitMinutes, locateFailureText, queueSummary, sortSites,
  type PortalSite,
} from './sites';

const DISTRICTS: Record<string, string> = { '110101': '东城区', '110102': '西城区', '110105': '朝阳区' };

function site(id: number, unit_code: string, lonlat: [number, number] | null = null, over: Partial<PortalSite> = {}): PortalSite {
  const district_code = unit_code.slice(0, 6);
  return {
    id, name: `站点${id}`, kind: unit_code.length >= 12 ? 'point' : 'hall', address: '', hours: '', phone: '', unit_code,
    unit_name: '', district_code, district_name: DISTRICTS[district_code] ?? '', longitude: lonlat ? lonlat[0] : null,
    latitude: lonlat ? lonlat[1] : null, takes_tickets: true, remote_tickets: false, appointments: true, open_now: true,
    waiting: 0, open_windows: 0, avg_service_minutes: null, ...over,
  };
}

describe('distance', () => {
  it('measures great-circle kilometres', () => {
    // Tiananmen to the Temple of Heaven: about 3.2 km.
    const km = distanceKm({ longitude: 116.3975, latitude: 39.9087 }, { longitude: 116.4107, latitude: 39.8822 });
    expect(km).toBeGreaterThan(3.1);
    expect(km).toBeLessThan(3.4);
    expect(distanceKm({ longitude: 116, latitude: 40 }, { longitude: 116, latitude: 40 })).toBe(0);
  });

  it('reads as metres nearby and kilometres further', () => {
    expect(distanceText(0)).toBe('10 米');
    expect(distanceText(0.004)).toBe('10 米');
    expect(distanceText(0.356)).toBe('360 米');
    expect(distanceText(0.996)).toBe('1.0 公里');
    expect(distanceText(1.26)).toBe('1.3 公里');
    expect(distanceText(9.97)).toBe('10 公里');
    expect(distanceText(23.4)).toBe('23 公里');
  });

  it('says nothing for a distance that is not one', () => {
    expect(distanceText(Number.NaN)).toBe('');
    expect(distanceText(-1)).toBe('');
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

describe('district filter', () => {
  it('lists each district of the sites once, in code order', () => {
    const list = [site(1, '110105001'), site(2, '110101001'), site(3, '110101001001'), site(4, '110102003')];
    expect(districtsOf(list)).toEqual([
      { code: '110101', name: '东城区' }, { code: '110102', name: '西城区' }, { code: '110105', name: '朝阳区' },
    ]);
    expect(districtsOf([])).toEqual([]);
  });

  it('names a district by its code when the name is missing', () => {
    expect(districtsOf([site(1, '110199001')])).toEqual([{ code: '110199', name: '110199' }]);
  });
});

describe('estimated wait', () => {
  it('shares the people waiting over the open windows, rounded', () => {
    expect(estimatedWaitMinutes(7, 2, 6)).toBe(21);
    expect(estimatedWaitMinutes(5, 3, 4.5)).toBe(8);     // 7.5 → 8
    expect(estimatedWaitMinutes(3, 4, 2.2)).toBe(2);     // 1.65 → 2
    expect(estimatedWaitMinutes(0, 2, 6)).toBe(0);
    expect(estimatedWaitMinutes(3, 4, 0.1)).toBe(1);     // 0.075 → at least a minute
  });

  it('counts one window when none is open', () => {
    expect(estimatedWaitMinutes(4, 0, 5)).toBe(20);
  });

  it('does not guess without today\'s average', () => {
    expect(estimatedWaitMinutes(7, 2, null)).toBeNull();
    expect(estimatedWaitMinutes(7, 2, 0)).toBeNull();
    expect(estimatedWaitMinutes(7, 2, Number.NaN)).toBeNull();
  });
});

describe('today\'s queue in words', () => {
  const base = { takes_tickets: true, open_now: true, waiting: 7, open_windows: 2, avg_service_minutes: null };

  it('counts the waiting and the open windows', () => {
    expect(queueSummary(base)).toEqual({ state: 'waiting', facts: ['今日等候 7 人', '开放窗口 2 个'], estimateMinutes: null });
  });

  it('adds an estimate from a known service time', () => {
    expect(queueSummary({ ...base, avg_service_minutes: 6 }))
      .toEqual({ state: 'waiting', facts: ['今日等候 7 人', '开放窗口 2 个', '预计等候约 21 分钟'], estimateMinutes: 21 });
  });

  it('has no estimate when nobody waits', () => {
    expect(queueSummary({ ...base, waiting: 0, avg_service_minutes: 6 }))
      .toEqual({ state: 'idle', facts: ['今日等候 0 人', '开放窗口 2 个'], estimateMinutes: null });
  });

  it('is not "idle" while no window is open', () => {
    expect(queueSummary({ ...base, waiting: 0, open_windows: 0 }).state).toBe('unstaffed');
  });

  it('says when a site is closed and when it takes no tickets', () => {
    expect(queueSummary({ ...base, open_now: false }).state).toBe('closed');
    expect(queueSummary({ ...base, takes_tickets: false }))
      .toEqual({ state: 'none', facts: ['未开放取号'], estimateMinutes: null });
  });
});

describe('locating failures', () => {
  it('tells a refusal from an unavailable position and a timeout', () => {
    expect(locateFailureText(1)).toMatch(/没有允许/);
    expect(locateFailureText(2)).toMatch(/暂时无法获取/);
    expect(locateFailureText(3)).toMatch(/超时/);
  });
});
