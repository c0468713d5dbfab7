// 统计分析: the figures of a unit over a period, its children side by side,
// and 受理/办结 over time. Unit and period live in the URL (?unit=&from=&to=),
// so drilling down and changing the period are history entries.
import { computed, ref, watch } from 'vue';
import type { RouteLocationRaw } from 'vue-router';
import { getOverview, type Overview } from '@/api/stats';
import { useLatestRead } from '@/composables/useLatestRead';
import { shanghaiDate } from '@/utils/time';
import { CHART_METRICS, METRICS, type Metric } from '../shared/figures';
import { useQueryParams } from '../shared/useQueryParams';
import { presetOf, presetRange, type PeriodPreset } from './period';

export function useStatsDashboard() {
  const today = shanghaiDate(new Date());
  const { params, key, update } = useQueryParams(['unit', 'from', 'to'] as const);
  const { data, loading, error, load } = useLatestRead<Overview | null>(
    () => getOverview({ unit: params.value.unit, from: params.value.from, to: params.value.to }), null);

  // 自定义 shows the date range picker before any range is picked.
  const customPicked = ref(false);
  const preset = computed<PeriodPreset>({
    get: () => (customPicked.value ? 'custom' : presetOf(params.value, today)),
    set: (p) => {
      customPicked.value = p === 'custom';
      if (p !== 'custom') update(presetRange(p, today));
    },
  });
  const range = computed<[string, string] | null>({
    get: (): [string, string] | null => (data.value ? [data.value.from, data.value.to] : null),
    set: (r: [string, string] | null) => { if (r) update({ from: r[0], to: r[1] }); },
  });

  // The breadcrumb's first entry is the top of the scope: going there clears
  // the parameter rather than naming the unit.
  function drill(code: string) {
    update({ unit: data.value?.path[0]?.code === code ? '' : code });
  }

  // The children proper, without 本级 (code ""); a community has none.
  const subunits = computed(() => (data.value?.children ?? []).filter((c) => c.unit.code !== ''));
  const chartMetricKey = ref<Metric['key']>(METRICS.accepted.key);
  const chartMetric = computed(() => CHART_METRICS.find((m) => m.key === chartMetricKey.value) ?? METRICS.accepted);

  // 导出本期台账: the ledger of the shown unit for the month of `to`.
  const ledgerLink = computed<RouteLocationRaw | null>(() => data.value && {
    name: 'stats-ledger', query: { unit: data.value.unit.code, month: data.value.to.slice(0, 7) },
  });

  watch(key, () => {
    if (presetOf(params.value, today) !== 'custom') customPicked.value = false;
    void load();
  }, { immediate: true });

  return { data, loading, error, load, preset, range, drill, subunits, chartMetricKey, chartMetric, ledgerLink };
}
