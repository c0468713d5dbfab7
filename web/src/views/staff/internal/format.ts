// Small pure helpers of 内控检查: the result tags, an overdue finding, the
// period and the creation time.
import type { CheckResult, Finding } from '@/api/staff';
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
