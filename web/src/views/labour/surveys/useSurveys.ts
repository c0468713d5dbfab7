// 用工单位统计调查 (annex 一(三)): the year's overview of the employers in the
// caller's units, surveyed or not, and the form of one employer.
import { computed, onMounted, ref, watch } from 'vue';
import { surveyOverview, type SurveyOverview } from '@/api/labour';
import { useLatestRead } from '@/composables/useLatestRead';
import { today } from '../shared/days';

export function useSurveys() {
  const thisYear = Number(today().slice(0, 4));
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  const year = ref(thisYear);
  const missingOnly = ref(false);
  const { data, loading, error, load } = useLatestRead<SurveyOverview>(
    () => surveyOverview(year.value, missingOnly.value), { year: thisYear, total: 0, surveyed: 0, items: [] });
  const percent = computed(() => (data.value.total === 0 ? 0 : Math.round((data.value.surveyed * 100) / data.value.total)));

  watch([year, missingOnly], () => void load());
  onMounted(load);
  return { years, year, missingOnly, data, loading, error, load, percent };
}
