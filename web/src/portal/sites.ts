// Halls and community points for citizens (issue 11 item 1): the list the
// sites page shows, ordered by distance when the person shares a position,
// else by district; and the words for today's queue. Pure, tested without a
// browser.
import type { Offer } from '@/api/catalog';
import type { Board } from '@/api/screen';

export type SiteKind = 'hall' | 'point';

export interface PortalSite {
  id: number;
  name: string;
  kind: SiteKind;
  address: string;
  hours: string;
  phone: string;
  unit_code: string;   // the street or community the site serves
  unit_name: string;
  longitude: number | null;
  latitude: number | null;
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
export function districtCodeOf(unitCode: string): string {
  return unitCode.slice(0, 6);
}

export function kindOfUnit(unitCode: string): SiteKind {
  return unitCode.length >= 12 ? 'point' : 'hall';
}

// The sites named by the implementation lists (实施清单) of the items in
// force, once each. Until a public site list exists this is how the portal
// finds the sites: an offer carries its site's address, hours and phone as
// `shown_*` whenever it has none of its own.
export function sitesFromOffers(offers: readonly Offer[]): PortalSite[] {
  const byId = new Map<number, PortalSite>();
  for (const o of offers) {
    if (o.site_id === null) continue;
    let s = byId.get(o.site_id);
    if (!s) {
      s = {
        id: o.site_id, name: o.site_name, kind: kindOfUnit(o.unit_code), address: '', hours: '', phone: '',
        unit_code: o.unit_code, unit_name: o.unit_name, longitude: null, latitude: null,
      };
      byId.set(o.site_id, s);
    }
    // The site's own values: an offer's shown_* without an override of its own.
    if (!s.address && !o.address && o.shown_address) s.address = o.shown_address;
    if (!s.hours && !o.hours && o.shown_hours) s.hours = o.shown_hours;
    if (!s.phone && !o.phone && o.shown_phone) s.phone = o.shown_phone;
  }
  return [...byId.values()];
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
  return districtCodeOf(a.unit_code).localeCompare(districtCodeOf(b.unit_code))
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

export function distanceText(km: number): string {
  if (km < 1) return `${Math.max(10, Math.round((km * 1000) / 10) * 10)} 米`;
  if (km < 10) return `${km.toFixed(1)} 公里`;
  return `${Math.round(km)} 公里`;
}

export type QueueState = 'none' | 'closed' | 'idle' | 'waiting';

export interface QueueSummary {
  state: QueueState;
  waiting: number;
  openWindows: number;
  text: string;                        // one line for people
  estimateMinutes: number | null;      // only when the average service time is known
}

// Today's queue at a site, from its public board. `avgServiceMinutes` is the
// day's average time at a window when a source gives it (the public board
// does not yet): without it there is no estimate rather than a guess.
export function queueSummary(board: Board, avgServiceMinutes: number | null = null): QueueSummary {
  const groups = board.groups.filter((g) => g.active);
  const waiting = groups.reduce((n, g) => n + g.waiting, 0);
  // A window may serve several groups: count windows, not groups' windows.
  const openWindows = board.windows.filter((w) => w.state === 'serving' || w.state === 'idle').length;
  const base = { waiting, openWindows, estimateMinutes: null };
  if (board.groups.length === 0) return { ...base, state: 'none', text: '本站点不设排队取号' };
  if (!board.open_now) return { ...base, state: 'closed', text: waiting > 0 ? `现在不是取号时间,仍有 ${waiting} 人等候` : '现在不是取号时间' };
  if (waiting === 0) return { ...base, state: 'idle', text: '目前无人等候,到厅即可办理' };
  const estimate = avgServiceMinutes !== null && avgServiceMinutes > 0
    ? Math.ceil((waiting * avgServiceMinutes) / Math.max(1, openWindows)) : null;
  const text = estimate === null ? `${waiting} 人等候` : `${waiting} 人等候,预计等候约 ${estimate} 分钟`;
  return { ...base, state: 'waiting', text, estimateMinutes: estimate };
}
