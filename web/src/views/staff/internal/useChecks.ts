// 内控检查 list: the checks in the caller's scope, newest first (at most 200).
import { computed } from 'vue';
import { listInternalChecks, type InternalCheck } from '@/api/staff';
import { useLatestRead } from '@/composables/useLatestRead';
import { useSessionStore } from '@/stores/session';

export function useChecks() {
  const session = useSessionStore();
  const canManage = computed(() => session.hasPermission('staff.manage'));
  const { data, loading, error, load } = useLatestRead<InternalCheck[] | null>(
    async () => (await listInternalChecks()).items, null);
  const checks = computed(() => data.value ?? []);
  void load();
  return { checks, data, loading, error, load, canManage };
}
