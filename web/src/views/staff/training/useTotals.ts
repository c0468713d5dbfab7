// 年度学时 (三(九) 每人每年不少于5天): every person on the roster in scope
// with the year's annual training days, for a year and optionally a unit.
import { computed, ref, watch, type Ref } from 'vue';
import { getTrainingTotals, type TrainingTotals } from '@/api/staff';
import { useLatestRead } from '@/composables/useLatestRead';

export function useTotals(year: Ref<string>) {
  const unit = ref('');
  const { data, loading, error, load } = useLatestRead<TrainingTotals | null>(
    () => getTrainingTotals(Number(year.value), unit.value), null);
  const rows = computed(() => data.value?.items ?? []);
  const short = computed(() => rows.value.filter((r) => !r.meets).length);
  watch([year, unit], () => void load(), { immediate: true });
  return { unit, data, rows, short, loading, error, load };
}
