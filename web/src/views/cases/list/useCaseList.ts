// 办件查询: the list of the filters kept in the address (./filter.ts).
import { onMounted, reactive, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { listCases, type Case } from '@/api/cases';
import { describeError } from '@/api/client';
import { EMPTY_FILTER, filterFromQuery, queryOfFilter, type Filter } from './filter';

export function useCaseList() {
  const route = useRoute();
  const router = useRouter();
  const filter = reactive<Filter>(filterFromQuery(route.query));
  const items = ref<Case[]>([]);
  const loading = ref(true);
  const error = ref('');
  const LIMIT = 200;

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      items.value = (await listCases({
        status: filter.status, channel: filter.channel, clock: filter.clock, q: filter.q.trim().toUpperCase(),
        mine: filter.mine, limit: LIMIT,
      })).items;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  async function search() {
    await router.replace({ query: queryOfFilter(filter) });
    await load();
  }

  function reset() {
    Object.assign(filter, EMPTY_FILTER);
    void search();
  }

  onMounted(load);
  return { filter, items, loading, error, limit: LIMIT, load, search, reset };
}
