// 责任追究: what is held against each unit and person over a period. Unit and
// period live in the URL (?unit=&from=&to=) as on the dashboard; no period
// is this month to today, the server's default.
import { computed, watch } from 'vue';
import { getAccountability, type Accountability } from '@/api/stats';
import { useLatestRead } from '@/composables/useLatestRead';
import { shanghaiDate } from '@/utils/time';
import { presetRange } from '../dashboard/period';
import { useQueryParams } from '../shared/useQueryParams';

export function useAccountability() {
  const thisMonth = presetRange('month', shanghaiDate(new Date()));
  const { params, key, update } = useQueryParams(['unit', 'from', 'to'] as const);
  const { data, loading, error, load } = useLatestRead<Accountability | null>(
    () => getAccountability({ unit: params.value.unit, from: params.value.from, to: params.value.to }), null);

  // "" = the top of the caller's scope.
  const unit = computed<string>({ get: () => params.value.unit, set: (code) => update({ unit: code }) });
  const range = computed<[string, string]>({
    get: (): [string, string] => [params.value.from || thisMonth.from, params.value.to || thisMonth.to],
    set: (r: [string, string]) => update(r[0] === thisMonth.from && r[1] === thisMonth.to ? { from: '', to: '' } : { from: r[0], to: r[1] }),
  });

  watch(key, () => void load(), { immediate: true });
  return { unit, range, data, loading, error, load };
}
