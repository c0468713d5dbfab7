// Units, sites and windows (docs/api/identity.md "Organisation").
import { buildQuery, request } from './client';

export type UnitLevel = 1 | 2 | 3 | 4;  // 市, 区, 街道(乡镇), 社区(村)

export interface Unit {
  code: string;
  parent_code: string;
  level: UnitLevel;
  level_label: string;
  name: string;
  path: string;
  version: number;
}

export type SiteKind = 'hall' | 'point';

export interface Site {
  id: number;
  unit_code: string;
  unit_name: string;
  kind: SiteKind;
  kind_label: string;
  name: string;
  address: string;
  hours: string;
  phone: string;
  longitude: number | null;
  latitude: number | null;
  version: number;
}

export type WindowKind = 'comprehensive' | 'specialized' | 'green' | 'proxy';

// `Window` would shadow the DOM's global type.
export interface ServiceWindow {
  id: number;
  site_id: number;
  number: number;
  name: string;
  kind: WindowKind;
  kind_label: string;
  open: boolean;
  version: number;
}

export interface SiteWithWindows extends Site {
  windows: ServiceWindow[];
}

export interface UnitInput {
  code: string;
  parent_code: string;
  level: UnitLevel;
  name: string;
}

export interface ImportLine {
  line: number;
  code: string;
  ok: boolean;
  error?: { code: string; message: string; field: string };
}

// The fields a person fills in; the server derives the labels.
export type SiteInput = Pick<Site, 'unit_code' | 'kind' | 'name' | 'address' | 'hours' | 'phone' | 'longitude' | 'latitude'>;
export type WindowInput = Pick<ServiceWindow, 'number' | 'name' | 'kind' | 'open'>;
export type WindowPatch = Partial<Pick<ServiceWindow, 'name' | 'kind' | 'open'>> & { version: number };

export const LEVEL_LABELS: Record<UnitLevel, string> = { 1: '市', 2: '区', 3: '街道(乡镇)', 4: '社区(村)' };

export const SITE_KIND_LABELS: Record<SiteKind, string> = {
  hall: '街道(乡镇)服务大厅',
  point: '社区(村)服务站',
};

export const WINDOW_KIND_LABELS: Record<WindowKind, string> = {
  comprehensive: '综合窗口',
  specialized: '专业窗口',
  green: '绿色通道',
  proxy: '帮办代办',
};

export const listUnits = () => request<{ items: Unit[] }>('/api/org/units');
export const createUnit = (input: UnitInput) => request<Unit>('/api/org/units', { method: 'POST', body: input });
export const renameUnit = (code: string, name: string, version: number) =>
  request<Unit>(`/api/org/units/${encodeURIComponent(code)}`, { method: 'PATCH', body: { name, version } });
export const importUnits = (csv: string) =>
  request<{ lines: ImportLine[] }>('/api/org/units/import', { method: 'POST', body: { csv } });

export const listSites = (unit = '') => request<{ items: Site[] }>(`/api/org/sites${buildQuery({ unit })}`);
export const createSite = (input: SiteInput) => request<Site>('/api/org/sites', { method: 'POST', body: input });
export const getSite = (id: number) => request<SiteWithWindows>(`/api/org/sites/${id}`);
export const updateSite = (id: number, fields: Partial<SiteInput> & { version: number }) =>
  request<Site>(`/api/org/sites/${id}`, { method: 'PATCH', body: fields });
export const createWindow = (siteId: number, input: WindowInput) =>
  request<ServiceWindow>(`/api/org/sites/${siteId}/windows`, { method: 'POST', body: input });
export const updateWindow = (id: number, patch: WindowPatch) =>
  request<ServiceWindow>(`/api/org/windows/${id}`, { method: 'PATCH', body: patch });
