// 劳动争议调解 (annex 一(三)): the cases of the caller's units (one read, ≤ 500,
// counted and filtered here), overdue ones (open past the fifteen days of
// 劳动争议调解仲裁法 第十四条) counted and filterable.
import { computed, onMounted, ref } from 'vue';
import { listMediations, MEDIATION_STATE_LABELS, type Mediation, type MediationState } from '@/api/labour';
import { useLatestRead } from '@/composables/useLatestRead';
import { upsertById } from '@/utils/list';

export const STATE_TABS = Object.keys(MEDIATION_STATE_LABELS) as MediationState[];

export function useMediations() {
  const state = ref<MediationState>('open');
  const overdueOnly = ref(false);
  const { data, loading, error, load } = useLatestRead(async () => (await listMediations()).items, [] as Mediation[]);
  const items = computed(() => data.value.filter((m) => m.state === state.value && (!overdueOnly.value || m.overdue)));
  const counts = computed(() => {
    const n = Object.fromEntries(STATE_TABS.map((s) => [s, 0])) as Record<MediationState, number>;
    for (const m of data.value) n[m.state] += 1;
    return n;
  });
  const overdueCount = computed(() => data.value.filter((m) => m.overdue).length);

  const replace = (m: Mediation) => upsertById(data.value, m);

  onMounted(load);
  return { state, overdueOnly, items, counts, overdueCount, loading, error, load, replace };
}
