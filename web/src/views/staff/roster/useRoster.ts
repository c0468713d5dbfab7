// 人员名册: the people in scope, by site (asked of the server) and by
// 用工性质 (filtered here; the list is one unit's staff, a few dozen).
import { computed, ref, watch } from 'vue';
import { listStaff, type EmploymentCode, type Person } from '@/api/staff';
import { useLatestRead } from '@/composables/useLatestRead';

export function useRoster() {
  const siteId = ref<number | null>(null);
  const employment = ref<EmploymentCode | ''>('');
  const { data: people, loading, error, load } = useLatestRead<Person[]>(
    async () => (await listStaff({ site: siteId.value })).items, []);

  const rows = computed(() => employment.value === ''
    ? people.value
    : people.value.filter((p) => p.employment === employment.value));

  watch(siteId, load, { immediate: true });
  return { siteId, employment, people, rows, loading, error, load };
}
