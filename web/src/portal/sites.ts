// Halls and community points for citizens (issue 11 item 1): the list of
// GET /api/public/sites (docs/api/citizen.md), ordered by distance when the
// person shares a position, else by district; the district filter; and the
// words for today's queue. Pure, tested without a browser.

export type SiteKind = 'hall' | 'point';

// One item of GET /api/public/sites.
export interface PortalSite {
  id: number;
  name: string;
  kind: SiteKind;
  address: string;
  hours: string;
  phone: string;
  unit_code: string;   // the street or community the site serves
  unit_name: string;
  district_code: string;
  district_name: string;
  longitude: number | null;
  latitude: number | null;
  takes_tickets: boolean;
  remote_tickets: boolean;            // 网上取号 allowed
  appointments: boolean;              // bookable (在线预约)
  open_now: boolean;
  waiting: number;                    // tickets waiting now
  open_windows: number;               // windows open with a clerk
  avg_service_minutes: number | null; // today's, null before the first
}

export interface Position {
  longitude: number;
  latitude: number;
}

export const SITE_KIND_LABELS: Record<SiteKind, string> = {
  hall: '街道(乡镇)便民服务中心',
  point: '社区(村)服务站',
};

// Unit codes follow the division codes (org model): 6 digits a district,
// 9 a street or township, 12 a community or village.
export function kindOfUnit(unitCode: string): SiteKind {
  return unitCode.length >= 12 ? 'point' : 'hall';
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

// Great-circle distance (haversine), in kilometres.
export function distanceKm(a: Position, b: Position): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function positionOf(site: PortalSite): Position | null {
  return site.longitude === null || site.latitude === null ? null : { longitude: site.longitude, latitude: site.latitude };
}

export interface PlacedSite {
  site: PortalSite;
  km: number | null;  // null: no position to measure from or to
}

// District order: by district, halls before the points of the same street,
// then by unit and name; stable for equal keys.
function byDistrict(a: PortalSite, b: PortalSite): number {
  return a.district_code.localeCompare(b.district_code)
    || a.unit_code.slice(0, 9).localeCompare(b.unit_code.slice(0, 9))
    || (a.kind === b.kind ? 0 : a.kind === 'hall' ? -1 : 1)
    || a.unit_code.localeCompare(b.unit_code)
    || a.name.localeCompare(b.name, 'zh-CN')
    || a.id - b.id;
}

// Nearest first when `here` is known; sites without a position follow, in
// district order. Without `here`, district order.
export function sortSites(sites: readonly PortalSite[], here: Position | null): PlacedSite[] {
  const placed = sites.map((site) => {
    const p = positionOf(site);
    return { site, km: here && p ? distanceKm(here, p) : null };
  });
  return placed.sort((a, b) => {
    if (a.km !== null && b.km !== null) return a.km - b.km || byDistrict(a.site, b.site);
    if (a.km !== null) return -1;
    if (b.km !== null) return 1;
    return byDistrict(a.site, b.site);
  });
}

// "距您 850 米", "距您 3.2 公里": metres to the nearest ten below 1 km, one
// decimal below 10 km, whole kilometres beyond.
export function distanceText(km: number): string {
  if (!Number.isFinite(km) || km < 0) return '';
  const metres = Math.max(10, Math.round((km * 1000) / 10) * 10);
  if (metres < 1000) return `${metres} 米`;
  if (km < 9.95) return `${km.toFixed(1)} 公里`;
  return `${Math.round(km)} 公里`;
}

export interface District {
  code: string;
  name: string;
}

// The districts of the list, once each, in code order (for the filter).
export function districtsOf(sites: readonly PortalSite[]): District[] {
  const byCode = new Map<string, string>();
  for (const s of sites) {
    if (s.district_code && !byCode.has(s.district_code)) byCode.set(s.district_code, s.district_name || s.district_code);
  }
  return [...byCode].sort((a, b) => a[0].localeCompare(b[0])).map(([code, name]) => ({ code, name }));
}

// The minutes a person taking a ticket now can expect to wait: the people
// ahead times today's average service time, shared by the open windows
// (at least one), rounded, and at least a minute when somebody waits ("约 0
// 分钟" would promise too much). null without an average (no guess before
// the day's first service).
export function estimatedWaitMinutes(waiting: number, openWindows: number, avgServiceMinutes: number | null): number | null {
  if (avgServiceMinutes === null || !Number.isFinite(avgServiceMinutes) || avgServiceMinutes <= 0) return null;
  if (waiting <= 0) return 0;
  return Math.max(1, Math.round((waiting * avgServiceMinutes) / Math.max(openWindows, 1)));
}

// none: takes no tickets; closed: outside its hours; unstaffed: open but no
// window open and nobody waiting; idle: a window open and nobody waiting.
export type QueueState = 'none' | 'closed' | 'unstaffed' | 'idle' | 'waiting';

export interface QueueSummary {
  state: QueueState;
  facts: string[];   // short lines: 今日等候 N 人, 开放窗口 N 个, 预计等候约 N 分钟
  estimateMinutes: number | null;
}

// Today's queue at a site in words. A site that does not take tickets says
// so and nothing more; otherwise the waiting and the open windows, and the
// estimate when there is an average and somebody waits.
export function queueSummary(site: Pick<PortalSite, 'takes_tickets' | 'open_now' | 'waiting' | 'open_windows' | 'avg_service_minutes'>): QueueSummary {
  if (!site.takes_tickets) return { state: 'none', facts: ['未开放取号'], estimateMinutes: null };
  const facts = [`今日等候 ${site.waiting} 人`, `开放窗口 ${site.open_windows} 个`];
  const estimate = site.waiting > 0 ? estimatedWaitMinutes(site.waiting, site.open_windows, site.avg_service_minutes) : null;
  if (estimate !== null) facts.push(`预计等候约 ${estimate} 分钟`);
  const state: QueueState = !site.open_now ? 'closed'
    : site.waiting > 0 ? 'waiting' : site.open_windows > 0 ? 'idle' : 'unstaffed';
  return { state, facts, estimateMinutes: estimate };
}

// Why the position could not be had, for people (GeolocationPositionError codes).
export function locateFailureText(code: number): string {
  if (code === 1) return '您没有允许本网站获取位置。如需按距离排序,请在浏览器或手机设置中允许定位后再点一次;现仍按所在区、街道排列。';
  if (code === 3) return '获取位置超时,请到信号较好的地方再试;现仍按所在区、街道排列。';
  return '暂时无法获取您的位置(定位服务可能未开启),现仍按所在区、街道排列。';
}
