// 就业服务概况: the figures of one unit and its child units. No unit asks
// the server for the caller's widest unit; a city-wide caller must choose
// one (needUnit). The unit chosen is kept in the address (?unit=...), so
// opening a child unit is a step the back button undoes.
import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { describeError } from '@/api/client';
import { employmentSummary, type Summary } from '@/api/employment';
import { needsUnit } from './figures';

export function useSummary() {
  const route = useRoute();
  const router = useRouter();
  const unit = computed<string>({
    get: () => (typeof route.query.unit === 'string' ? route.query.unit : ''),
    set: (code) => void router.push({ query: { ...route.query, unit: code || undefined } }),
  });
  const data = ref<Summary | null>(null);
  const loading = ref(true);
  const error = ref('');
  const needUnit = ref(false);
  let reads = 0;

  async function load() {
    const mine = ++reads;
    loading.value = true;
    error.value = '';
    needUnit.value = false;
    try {
      const s = await employmentSummary(unit.value);
      if (mine === reads) data.value = s;
    } catch (e) {
      if (mine !== reads) return;
      data.value = null;
      if (needsUnit(e) && unit.value === '') needUnit.value = true;
      else error.value = describeError(e);
    } finally {
      if (mine === reads) loading.value = false;
    }
  }

  // Only while this page is shown: leaving it changes the query too.
  const here = route.path;
  watch(unit, () => {
    if (route.path === here) void load();
  }, { immediate: true });
  return { unit, data, loading, error, needUnit, load };
}
