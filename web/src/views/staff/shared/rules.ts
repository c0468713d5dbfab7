// The staff pages' small rules: the server's refusal split into its reasons,
// the thresholds of 三(七) that colour the dashboard, and warning levels.
import { CATEGORY_LABELS, labelOf } from '@/api/catalog';
import { RULE_LABELS, type Assignment, type Violation, type ViolationRule } from '@/api/staff';

export interface Reason {
  text: string;    // the reason without its clause
  clause: string;  // 三(七); "" when the server named none
}

// A clause at the end of a reason: "…（三(七)）", in full- or half-width brackets.
const CLAUSE_AT_END = /[（(]\s*([一二三四五六七八九十]+[（(][一二三四五六七八九十]+[)）])\s*[)）]\s*$/;

// The server joins every reason of a refusal with "；", each followed by its
// clause ("…（三(七)）"). A reason may itself hold a "；" (待遇发放是高风险岗位，
// 必须由编制内人员担任；该人员为协管员): a piece that neither names a clause
// nor ends with a bracket is the first half of the next one.
export function splitRefusal(message: string): Reason[] {
  const pieces = message.split('；').map((p) => p.trim()).filter((p) => p !== '');
  const reasons: Reason[] = [];
  let pending = '';
  for (const piece of pieces) {
    const whole = pending ? `${pending}；${piece}` : piece;
    const m = CLAUSE_AT_END.exec(whole);
    if (m) {
      reasons.push({ text: whole.slice(0, m.index).trim(), clause: m[1] ?? '' });
      pending = '';
    } else if (/[)）]$/.test(whole)) {
      reasons.push({ text: whole, clause: '' });
      pending = '';
    } else {
      pending = whole;
    }
  }
  if (pending) reasons.push({ text: pending, clause: '' });
  return reasons;
}

// 三(七): at least 1.2 staff per window.
export const MIN_STAFF_RATIO = 1.2;
// 三(七): formal staff on post at least 98% of working days.
export const MIN_ON_POST_RATE = 0.98;

export function ratioTooLow(ratio: number, windows: number): boolean {
  return windows > 0 && ratio + 1e-9 < MIN_STAFF_RATIO;
}

export function onPostTooLow(rate: number | null): boolean {
  return rate !== null && rate + 1e-9 < MIN_ON_POST_RATE;
}

export function formatRatio(ratio: number, windows: number): string {
  return windows > 0 ? ratio.toFixed(2) : '—';
}

export function formatRate(rate: number | null): string {
  return rate === null ? '无记录' : `${(rate * 100).toFixed(1)}%`;
}

// red: a rule is broken now; amber: a warning (轮岗预警 from 4.5 years).
export type WarningLevel = 'red' | 'amber';
const AMBER_RULES = new Set<string>(['rotation_due']);

export function warningLevel(v: Violation): WarningLevel {
  return AMBER_RULES.has(v.rule) ? 'amber' : 'red';
}

export function ruleLabel(rule: string): string {
  return (RULE_LABELS as Record<string, string>)[rule] ?? rule;
}

// Violations counted per rule, most first, for the bar chart.
export function countByRule(lists: readonly (readonly Violation[])[]): { rule: ViolationRule | string; label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const v of list) counts.set(v.rule, (counts.get(v.rule) ?? 0) + 1);
  return [...counts.entries()]
    .map(([rule, count]) => ({ rule, label: ruleLabel(rule), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export function categoryText(category: string): string {
  return category === '' ? '全部类别' : labelOf(CATEGORY_LABELS, category);
}

export function periodText(a: Pick<Assignment, 'from' | 'to'>): string {
  return `${a.from} 至 ${a.to ?? '今'}`;
}

// "YYYY-MM-DD" of a day in a month, and the days of that month.
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return [];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

// 0 Sunday … 6 Saturday, for a "YYYY-MM-DD".
export function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
}
