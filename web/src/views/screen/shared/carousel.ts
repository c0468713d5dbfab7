// The rules of the guide carousel on the hall's screens (views/screen/guides
// and the hall screen): which slide comes next, where the carousel stands
// after the list is refreshed, how long to wait after a failure, and which
// offers belong to the hall. Pure, so tested without a browser.
import type { LocationQuery } from 'vue-router';
import type { Offer } from '@/api/catalog';

export const SLIDE_MS = 15_000;             // one item per slide
export const LIST_REFRESH_MS = 5 * 60_000;  // the list, and each item's details, at most this old
export const MAX_MATERIALS = 10;            // more would not be readable from across the hall

// ?site=12 -> 12; absent or not a site id -> null (all items).
export function parseSite(query: LocationQuery): number | null {
  const raw = Array.isArray(query.site) ? query.site[0] : query.site;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}

export function nextIndex(current: number, length: number): number {
  return length <= 0 ? 0 : (current + 1) % length;
}

// After a refresh, stay on the item that is showing; if it is gone, stay
// at the same place (or the last one).
export function keepPosition(before: readonly string[], index: number, after: readonly string[]): number {
  if (after.length === 0) return 0;
  const code = before[index];
  const found = code === undefined ? -1 : after.indexOf(code);
  if (found >= 0) return found;
  return Math.min(Math.max(index, 0), after.length - 1);
}

// 15 s, 30 s, 1 min, 2 min, then every 5 min.
export function retryDelay(failures: number): number {
  return Math.min(15_000 * 2 ** Math.max(failures - 1, 0), LIST_REFRESH_MS);
}

// The offers shown as 办理地点: this hall's, or with no hall all of them.
export function offersAt(offers: readonly Offer[], site: number | null): Offer[] {
  return site === null ? [...offers] : offers.filter((o) => o.site_id === site);
}
