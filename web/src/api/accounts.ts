// Accounts, roles and grants (docs/api/identity.md "Accounts").
import { buildQuery, request } from './client';
import type { Session } from './auth';

export interface Account {
  id: number;
  login: string;
  name: string;   // masked
  phone: string;  // masked
  unit_code: string;
  unit_name: string;
  active: boolean;
  must_change_password: boolean;
  totp_enabled: boolean;
  formal_staff: boolean;   // 编制内: may handle high-risk items' back-office steps (三(七))
  locked_until: string | null;
  last_login_at: string | null;
  version: number;
}

// 三员: the system, security and audit administrators, never one person.
export type Triad = '' | 'system' | 'security' | 'audit';

export interface Role {
  code: string;
  name: string;
  triad: Triad;
  requires_totp: boolean;
  idle_minutes: number;
  permissions: { code: string; name: string }[];
}

export interface Grant {
  id: number;
  account_id: number;
  role: string;
  role_name: string;
  unit_code: string;
  unit_name: string;
  created_at: string;
}

export interface AccountInput {
  login: string;
  name: string;
  phone?: string;
  unit_code: string;
}

export interface AccountPatch {
  name?: string;
  phone?: string;
  active?: boolean;
  formal_staff?: boolean;
  version: number;
}

export const TRIAD_LABELS: Record<Exclude<Triad, ''>, string> = {
  system: '系统管理员',
  security: '安全管理员',
  audit: '审计管理员',
};

export const listAccounts = (filter: { q?: string; unit?: string } = {}) =>
  request<{ items: Account[] }>(`/api/accounts${buildQuery({ q: filter.q, unit: filter.unit })}`);
export const createAccount = (input: AccountInput) =>
  request<{ account: Account; initial_password: string }>('/api/accounts', { method: 'POST', body: input });
export const getAccount = (id: number) => request<Account>(`/api/accounts/${id}`);
export const updateAccount = (id: number, patch: AccountPatch) =>
  request<Account>(`/api/accounts/${id}`, { method: 'PATCH', body: patch });
export const resetTotp = (id: number) =>
  request<void>(`/api/accounts/${id}/reset-totp`, { method: 'POST' });
export const resetPassword = (id: number) =>
  request<{ initial_password: string }>(`/api/accounts/${id}/reset-password`, { method: 'POST' });
// Unmasked name and phone; the server writes an audit entry.
export const revealAccount = (id: number) =>
  request<{ name: string; phone: string }>(`/api/accounts/${id}/reveal`, { method: 'POST' });
export const listAccountSessions = (id: number) => request<{ items: Session[] }>(`/api/accounts/${id}/sessions`);

export const listRoles = () => request<{ items: Role[] }>('/api/roles');
export const listGrants = (accountId: number) => request<{ items: Grant[] }>(`/api/accounts/${accountId}/grants`);
export const createGrant = (input: { account_id: number; role: string; unit_code: string }) =>
  request<Grant>('/api/grants', { method: 'POST', body: input });
export const deleteGrant = (id: number) => request<void>(`/api/grants/${id}`, { method: 'DELETE' });
