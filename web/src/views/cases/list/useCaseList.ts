// 办件查询: the filters live in the address, so going back from a case
// finds the same list.
import { onMounted, reactive, ref } from 'vue';
import { useRoute, useRouter, type LocationQuery, type LocationQueryValue } from 'vue-router';
import { STATUS_LABELS, listCases, type Case, type CaseStatus } from '@/api/cases';
import { describeError } from '@/api/client';

export type ClockFilter = '' | 'warning' | 'overdue';

interface Filter {
  status: CaseStatus | '';
  clock: ClockFilter;
  q: string;
  mine: boolean;
}

const first = (v: LocationQueryValue | LocationQueryValue[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

function fromQuery(query: LocationQuery): Filter {
  const status = first(query.status);
  const clock = first(query.clock);
  return {
    status: Object.prototype.hasOwnProperty.call(STATUS_LABELS, status) ? (status as CaseStatus) : '',
    clock: clock === 'warning' || clock === 'overdue' ? clock : '',
    q: first(query.q),
    mine: first(query.mine) === 'true',
  };
}

export function useCaseList() {
  const route = useRoute();
  const router = useRouter();
  const filter = reactive<Filter>(fromQuery(route.query));
  const items = ref<Case[]>([]);
  const loading = ref(true);
  const error = ref('');
  const LIMIT = 200;

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      items.value = (await listCases({
        status: filter.status, clock: filter.clock, q: filter.q.trim().toUpperCase(), mine: filter.mine, limit: LIMIT,
      })).items;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  async function search() {
    const query: Record<string, string> = {};
    if (filter.status) query.status = filter.status;
    if (filter.clock) query.clock = filter.clock;
    if (filter.q.trim()) query.q = filter.q.trim();
    if (filter.mine) query.mine = 'true';
    await router.replace({ query });
    await load();
  }

  function reset() {
    Object.assign(filter, { status: '', clock: '', q: '', mine: false });
    void search();
  }

  onMounted(load);
  return { filter, items, loading, error, limit: LIMIT, load, search, reset };
}
