// Small pure helpers of 内控检查: the result tags, an overdue finding, the
// period and the creation time, and the checklist of 待遇发放复核.
import { BACK_OFFICE_STEP_LABELS } from '@/api/cases';
import { labelOf } from '@/api/catalog';
import { CHECK_KIND_LABELS, CHECKLIST_LABELS, type Checklist, type CheckResult, type Finding, type JudgeInput } from '@/api/staff';
import { formatShanghai } from '@/utils/time';

export const RESULT_TAG_TYPES: Record<CheckResult, 'info' | 'success' | 'danger'> = {
  pending: 'info', ok: 'success', finding: 'danger',
};

// Past its due day (a Beijing day, YYYY-MM-DD) and still open.
export function findingOverdue(f: Pick<Finding, 'due_day' | 'closed_at'>, today: string): boolean {
  return f.closed_at === null && f.due_day !== '' && f.due_day < today;
}

export function formatPeriod(from: string, to: string): string {
  return from === to ? from : `${from} 至 ${to}`;
}

// Times of this API are milliseconds since the epoch.
export function formatMillis(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0) return '—';
  return formatShanghai(new Date(ms).toISOString());
}

export const kindLabel = (kind: string) => labelOf(CHECK_KIND_LABELS, kind);

export const CHECKLIST_POINTS = Object.keys(CHECKLIST_LABELS) as (keyof Checklist)[];

// The points of a checklist that do not hold, by their Chinese names.
export function failedPoints(c: Checklist): string[] {
  return CHECKLIST_POINTS.filter((k) => !c[k]).map((k) => CHECKLIST_LABELS[k]);
}

// 无问题 only when all four points hold; otherwise a finding, whose note is
// required (the server answers 422 field checklist on a mismatch).
export function checklistResult(c: Checklist): Exclude<CheckResult, 'pending'> {
  return failedPoints(c).length === 0 ? 'ok' : 'finding';
}

export function checklistJudgement(c: Checklist, note: string, dueDays: number): JudgeInput {
  const checklist = { ...c };
  return checklistResult(c) === 'ok'
    ? { result: 'ok', checklist }
    : { result: 'finding', note, due_days: dueDays, checklist };
}

// A handler's step: the server may send a code or the Chinese name itself.
const STEP_LABELS: Record<string, string> = { accept: '受理', ...BACK_OFFICE_STEP_LABELS };
export const stepLabel = (step: string) => labelOf(STEP_LABELS, step);
