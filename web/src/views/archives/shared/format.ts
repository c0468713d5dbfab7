// Wording shared by the archive pages, and who may change the register.
import { computed } from 'vue';
import type { ArchiveFile, FileLocation, FileState } from '@/api/archives';
import { useSessionStore } from '@/stores/session';

export function useArchivePermissions() {
  const session = useSessionStore();
  return {
    canRead: computed(() => session.hasPermission('archive.read')),
    // 专人管理 (policy 三(五)): only the archive keeper changes the register.
    canWrite: computed(() => session.hasPermission('archive.write')),
  };
}

export function locationText(l: FileLocation): string {
  return [l.room, l.cabinet, l.shelf, l.box].filter((s) => s !== '').join(' / ') || '—';
}

export function stateTag(state: FileState): 'success' | 'warning' | 'info' {
  if (state === 'in_store') return 'success';
  if (state === 'lent') return 'warning';
  return 'info';
}

// "借给 东城区社保中心 赵* · 应还 2026-03-09"
export function loanText(f: Pick<ArchiveFile, 'loan'>): string {
  if (!f.loan) return '';
  const who = [f.loan.borrower_unit, f.loan.borrower_name].filter((s) => s !== '').join(' ');
  return `借给 ${who} · 应还 ${f.loan.due_day}`;
}

// Whole days since an instant, for "N 天前检查"; null when never.
export function daysSince(at: number | null, now = Date.now()): number | null {
  if (at === null) return null;
  return Math.max(0, Math.floor((now - at) / 86_400_000));
}

// Today in Beijing as YYYY-MM-DD.
export function beijingToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}
