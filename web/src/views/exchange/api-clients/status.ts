// Small rules of the 接入系统 page, kept apart so they can be tested. Times are
// UTC epoch milliseconds; days are Beijing days.
import { API_CLIENT_SCOPE_LABELS, type ApiClient } from '@/api/exchange';
import { shanghaiDate } from '@/utils/time';
import { formatMoment } from '@/views/hall/shared/format';

export type ApiClientStatus = 'active' | 'revoked' | 'expired';

export const API_CLIENT_STATUS_LABELS: Record<ApiClientStatus, string> = {
  active: '正常',
  revoked: '已停用',
  expired: '已过期',
};

export const API_CLIENT_STATUS_TAGS: Record<ApiClientStatus, 'success' | 'info' | 'warning'> = {
  active: 'success',
  revoked: 'info',
  expired: 'warning',
};

// Revoked wins over expired: it was a decision, expiry only a date. The
// server stops a token at expires_at itself (the end of the last day).
export function apiClientStatus(c: Pick<ApiClient, 'revoked_at' | 'expires_at'>, now: number): ApiClientStatus {
  if (c.revoked_at !== null) return 'revoked';
  if (c.expires_at !== null && c.expires_at <= now) return 'expired';
  return 'active';
}

// A scope's words for people; one this page does not know stays as sent.
export function scopeLabel(scope: string): string {
  return (API_CLIENT_SCOPE_LABELS as Record<string, string>)[scope] ?? scope;
}

// The visible start of a token: never the token itself.
export const tokenHint = (prefix: string) => `${prefix}…`;

// The last day it works, "2027-06-30", or "长期": expires_at is the end of
// that day, so the day named is the one before it.
export function expiryText(expiresAt: number | null): string {
  if (expiresAt === null) return '长期';
  return shanghaiDate(new Date(expiresAt - 1));
}

// "2026-11-27 09:30" in Beijing (a table cell has no room for seconds), or "—".
export function minuteText(ms: number | null): string {
  return formatMoment(ms).slice(0, 16);
}

// The first day that can be chosen as the last day: tomorrow in Beijing
// (the server refuses today, which would end within hours).
export function firstExpiryDay(now: Date): string {
  return shanghaiDate(new Date(now.getTime() + 86_400_000));
}

// el-date-picker hands over local midnight of the day shown; read it as that
// calendar day, YYYY-MM-DD.
export function pickerDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
