// What the portal reads besides the catalog (api/catalog.ts): the halls and
// community points, and the citizen's own account and cases
// (docs/api/citizen.md). Over the one request client (api/client.ts).
import { request } from '@/api/client';
import type { CitizenKind } from './citizen';
import type { PortalSite } from './sites';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

// The halls and points with today's queue. Read on each visit of the page
// (the server lets caches keep it 15 s): the waiting figures change.
export const listSites = (signal?: AbortSignal) =>
  request<{ items: PortalSite[] }>('/api/public/sites', opts(signal)).then((r) => r.items);

export interface CitizenConfig {
  oidc: boolean;
  provider_name: string;
  demo: boolean;
  demo_accounts: { key: string; name: string }[];
}

export interface Citizen {
  id: number;
  kind: CitizenKind;
  name: string;        // masked: 张*
  id_number: string;   // masked
  phone: string;       // masked
  demo: boolean;
}

export interface CitizenSession {
  citizen: Citizen;
  csrf_token: string;
  expires_at: string;
}

export interface CitizenCase {
  case_no: string;
  item_code: string;
  item_name: string;
  channel: string;
  status: string;
  status_name: string;
  outcome: string | null;
  intake_unit_name: string;
  accepted_day: string | null;
  due_day: string | null;
  completed_at: string | null;
  delivered_at: string | null;
  created_at: string;
  progress_path: string;
}

export const getCitizenConfig = (signal?: AbortSignal) => request<CitizenConfig>('/api/citizen/config', opts(signal));

// 401 when nobody is signed in (an ApiError with status 401).
export const getCitizenMe = (signal?: AbortSignal) => request<CitizenSession>('/api/citizen/me', opts(signal));

export const demoLogin = (account: string) =>
  request<CitizenSession>('/api/citizen/demo-login', { method: 'POST', body: { account } });

export const citizenLogout = (csrfToken: string) =>
  request<void>('/api/citizen/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrfToken } });

export const listMyCases = (signal?: AbortSignal) =>
  request<{ items: CitizenCase[] }>('/api/citizen/cases', opts(signal)).then((r) => r.items);
