// The booking form's own checks, so a typo is caught before the server is
// asked (the server checks everything again and names the field it refuses).
import type { LocationQueryValue } from 'vue-router';
import { isResidentId, normalizeId } from '@/views/cases/shared/id-number';

// 手机号码: 11 digits starting 13-19.
export function isMobile(text: string): boolean {
  return /^1[3-9]\d{9}$/.test(text.replace(/[\s-]/g, ''));
}

export function normalizeMobile(text: string): string {
  return text.replace(/[\s-]/g, '');
}

export function nameProblem(text: string): string {
  const s = text.trim();
  if (!s) return '请输入姓名';
  if ([...s].length > 50) return '姓名不能超过 50 个字';
  return '';
}

export function idNumberProblem(text: string): string {
  const s = normalizeId(text);
  if (!s) return '请输入身份证号码';
  if (s.length !== 18) return `身份证号码应为 18 位,当前 ${s.length} 位`;
  return isResidentId(s) ? '' : '身份证号码有误(校验位或出生日期不对),请核对';
}

export function mobileProblem(text: string): string {
  const s = normalizeMobile(text);
  if (!s) return '请输入手机号码';
  return isMobile(s) ? '' : '请输入 11 位手机号码';
}

export function codeProblem(text: string): string {
  const s = text.trim();
  if (!s) return '请输入预约码';
  return /^\d{8}$/.test(s) ? '' : '预约码为 8 位数字';
}

// ?site=12 -> 12; null when absent or not a site id.
export function siteFromQuery(value: LocationQueryValue | LocationQueryValue[] | undefined): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== 'string' || !/^[1-9]\d{0,15}$/.test(v)) return null;
  return Number(v);
}

export function textFromQuery(value: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}
