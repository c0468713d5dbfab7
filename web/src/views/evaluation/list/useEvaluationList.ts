// 好差评 list (GET /api/evaluations): the filters, the figures and the
// newest 500 ratings of the caller's units; reasons shown by name.
import { reactive } from 'vue';
import { listEvaluations, type Channel, type EvaluationFilter, type EvaluationList } from '@/api/evaluation';
import { useLatestRead } from '@/composables/useLatestRead';
import { useUnits } from '@/composables/useUnits';
import { useEvaluationMeta } from '../shared/useEvaluationMeta';

export interface EvaluationForm {
  unit: string;
  days: [string, string] | null;
  maxLevel: number | '';
  channel: Channel | '';
}

const blank = (): EvaluationForm => ({ unit: '', days: null, maxLevel: '', channel: '' });

export function filterOf(form: EvaluationForm): EvaluationFilter {
  const filter: EvaluationFilter = {};
  if (form.unit) filter.unit = form.unit;
  if (form.days) [filter.from, filter.to] = form.days;
  if (form.maxLevel !== '') filter.max_level = form.maxLevel;
  if (form.channel) filter.channel = form.channel;
  return filter;
}

export function useEvaluationList() {
  const form = reactive(blank());
  const { units, unitsError } = useUnits();
  const { meta } = useEvaluationMeta();
  const empty: EvaluationList = { items: [], summary: { total: 0, good_rate: 0, by_level: [] } };
  const { data, loading, error, load } = useLatestRead(() => listEvaluations(filterOf(form)), empty);

  function reset() {
    Object.assign(form, blank());
    void load();
  }

  void load();
  return { form, units, unitsError, meta, data, loading, error, load, reset };
}
