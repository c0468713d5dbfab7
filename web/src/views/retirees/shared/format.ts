// Shared labels of the retirees' pages.
import type { RetireeStatus } from '@/api/retirees';
import { useSessionStore } from '@/stores/session';
import { computed } from 'vue';

export function statusTag(status: RetireeStatus): 'success' | 'warning' | 'info' {
  if (status === 'death_reported') return 'warning';
  return status === 'deceased' ? 'info' : 'success';
}

// Who may do what: retiree.read lists, retiree.write registers, contacts and
// reports deaths (formal staff, the server says), retiree.recheck 复核.
export function useRetireePermissions() {
  const session = useSessionStore();
  return {
    canWrite: computed(() => session.hasPermission('retiree.write')),
    canRecheck: computed(() => session.hasPermission('retiree.recheck')),
  };
}
