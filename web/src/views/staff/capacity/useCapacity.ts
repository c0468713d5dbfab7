// 容量测算: for one site and day, the windows each hour needed to serve the
// target share within the target wait (Erlang C over the day's real tickets).
import { computed, ref, watch } from 'vue';
import { getCapacity, type Capacity } from '@/api/staff';
import { useLatestRead } from '@/composables/useLatestRead';
import { shanghaiDate } from '@/utils/time';
import { capacityHours, shortHours } from '../shared/charts';

export function useCapacity() {
  const siteId = ref<number | null>(null);
  const day = ref(shanghaiDate(new Date()));
  const targetPercent = ref(80);
  const targetMinutes = ref(15);
  const { data, loading, error, load } = useLatestRead<Capacity | null>(async () => (siteId.value === null
    ? null
    : getCapacity(siteId.value, day.value, targetPercent.value / 100, targetMinutes.value)), null);

  const hours = computed(() => (data.value ? capacityHours(data.value.hours) : []));
  const arrivals = computed(() => (data.value?.hours ?? []).reduce((n, h) => n + h.arrivals, 0));
  const short = computed(() => (data.value ? shortHours(data.value) : []));

  watch([siteId, day, targetPercent, targetMinutes], () => void load());
  return { siteId, day, targetPercent, targetMinutes, data, hours, arrivals, short, loading, error, load };
}
