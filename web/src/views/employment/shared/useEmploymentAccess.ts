// Who may change the registry and job services (employment.write: community
// and street labour-security workers); supervisors only read.
import { computed } from 'vue';
import { useSessionStore } from '@/stores/session';

export function useEmploymentAccess() {
  const session = useSessionStore();
  return { canWrite: computed(() => session.hasPermission('employment.write')) };
}
