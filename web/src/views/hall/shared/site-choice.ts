// Which site a hall page shows: the one in the address (?site=ID) when it is
// in the caller's scope, else the one chosen last in this browser, else the
// first service hall, else the first site.
import type { Site } from '@/api/org';

export function pickSite(sites: readonly Site[], wanted: readonly (number | null)[]): number | null {
  for (const id of wanted) {
    if (id !== null && sites.some((s) => s.id === id)) return id;
  }
  return (sites.find((s) => s.kind === 'hall') ?? sites[0])?.id ?? null;
}

// ?site=12 as a number; null for anything else.
export function siteParam(value: unknown): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== 'string' || !/^[1-9][0-9]{0,17}$/.test(v)) return null;
  return Number(v);
}
