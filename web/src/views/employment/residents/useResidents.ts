// 劳动力台账: the people of the caller's communities (the street sees the whole
// street), filtered by status, community and 待回访, visits due first. The
// filter is kept in the query string, so the back button returns to it.
import { computed, onMounted, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { listResidents, STATUS_LABELS, type EmploymentStatus, type Resident } from '@/api/employment';
import { useLatestRead } from '@/composables/useLatestRead';

export const STATUSES = Object.keys(STATUS_LABELS) as EmploymentStatus[];

export function useResidents() {
  const route = useRoute();
  const router = useRouter();
  const status = ref<EmploymentStatus | ''>(STATUSES.includes(route.query.status as EmploymentStatus)
    ? (route.query.status as EmploymentStatus) : '');
  const unit = ref(typeof route.query.unit === 'string' ? route.query.unit : '');
  const due = ref(route.query.due === '1');
  const read = useLatestRead(
    async () => (await listResidents({ status: status.value, unit: unit.value, due: due.value })).items,
    [] as Resident[]);
  const dueCount = computed(() => read.data.value.filter((r) => r.visit_due).length);

  watch([status, unit, due], () => {
    void router.replace({ query: { status: status.value || undefined, unit: unit.value || undefined, due: due.value ? '1' : undefined } });
    void read.load();
  });
  onMounted(() => void read.load());
  return { status, unit, due, residents: read.data, loading: read.loading, error: read.error, load: read.load, dueCount };
}
