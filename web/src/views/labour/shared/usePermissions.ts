// Who may do what on the 劳动关系 pages: labour.read sees, labour.write acts.
import { computed } from 'vue';
import { useSessionStore } from '@/stores/session';

export function useLabourPermissions() {
  const session = useSessionStore();
  return { canWrite: computed(() => session.hasPermission('labour.write')) };
}
