// Sign-in, its steps (TOTP, password change) and the caller's own sessions
// (docs/api/identity.md "Auth", "Sessions").
import { request } from './client';

export type AuthStep = 'done' | 'totp' | 'totp_enroll' | 'change_password';

export interface Me {
  account: { id: number; login: string; name: string /* masked */; unit_code: string; unit_name: string };
  step: AuthStep;
  csrf_token: string;
  idle_seconds: number;
  expires_at: string;
  roles: { role: string; role_name: string; unit_code: string; unit_name: string }[];
  permissions: string[];
}

export interface TotpEnrollment {
  secret: string;  // base32
  uri: string;     // otpauth://totp/...
}

export interface TotpConfirmation {
  me: Me;
  recovery_codes: string[];
}

export type TotpAnswer = { code: string } | { recovery_code: string };

export interface Session {
  id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  client_address: string;
  user_agent: string;
  current: boolean;
}

export const login = (loginName: string, password: string) =>
  request<Me>('/api/auth/login', { method: 'POST', body: { login: loginName, password } });
export const logout = () => request<void>('/api/auth/logout', { method: 'POST' });
export const getMe = () => request<Me>('/api/auth/me');
export const submitTotp = (answer: TotpAnswer) => request<Me>('/api/auth/totp', { method: 'POST', body: answer });
export const enrollTotp = () => request<TotpEnrollment>('/api/auth/totp/enroll', { method: 'POST' });
export const confirmTotp = (code: string) =>
  request<TotpConfirmation>('/api/auth/totp/confirm', { method: 'POST', body: { code } });
export const changePassword = (currentPassword: string, newPassword: string) =>
  request<Me>('/api/auth/password', {
    method: 'POST',
    body: { current_password: currentPassword, new_password: newPassword },
  });

export const listMySessions = () => request<{ items: Session[] }>('/api/sessions');
// Own sessions, or anyone's in scope with session.manage.
export const deleteSession = (id: string) =>
  request<void>(`/api/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
