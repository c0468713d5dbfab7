import type { Site, SiteInput } from '@/api/org';

export const SITE_FIELDS = ['unit_code', 'kind', 'name', 'address', 'hours', 'phone', 'longitude', 'latitude'] as const;

export function emptySite(): SiteInput {
  return { unit_code: '', kind: 'hall', name: '', address: '', hours: '', phone: '', longitude: null, latitude: null };
}

export function siteInput(site: Site): SiteInput {
  const { unit_code, kind, name, address, hours, phone, longitude, latitude } = site;
  return { unit_code, kind, name, address, hours, phone, longitude: longitude ?? null, latitude: latitude ?? null };
}

// el-input-number leaves undefined when cleared in some versions; the API wants null.
export function normalizeSite(input: SiteInput): SiteInput {
  return { ...input, longitude: input.longitude ?? null, latitude: input.latitude ?? null };
}
