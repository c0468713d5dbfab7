import { computed, onBeforeUnmount, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { listGuides, type Card, type Category, type LifeEvent } from '@/api/catalog';
import { describeError } from '@/api/client';
import { useSystemStore } from '@/stores/system';
import { filterFromQuery, queryFromFilter, type GuideFilter } from './filter';

export function useGuideList() {
  const route = useRoute();
  const router = useRouter();
  const system = useSystemStore();

  const filter = computed<GuideFilter>(() => filterFromQuery(route.query));
  const input = ref(filter.value.q);  // the search box, applied on 搜索
  const loading = ref(true);
  const error = ref('');
  const items = ref<Card[]>([]);
  const hotline = computed(() => system.info?.deployment.hotline ?? '');
  let inFlight: AbortController | null = null;

  async function load() {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    loading.value = true;
    error.value = '';
    try {
      const { q, category, event } = filter.value;
      items.value = (await listGuides({ q, category, event }, controller.signal)).items;
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;  // a newer search replaced it
      error.value = describeError(e);
    } finally {
      if (inFlight === controller) {
        loading.value = false;
        inFlight = null;
      }
    }
  }

  function go(next: GuideFilter) {
    void router.replace({ name: 'guides', query: queryFromFilter(next) });
  }

  const search = () => go({ ...filter.value, q: input.value });
  const setCategory = (category: Category | '') => go({ ...filter.value, category });
  // A chip filters by its life event; picking the chip that is on turns it off.
  function pickEvent(event: LifeEvent) {
    go({ ...filter.value, event: filter.value.event === event ? '' : event });
  }
  function clear() {
    input.value = '';
    go({ q: '', category: '', event: '' });
  }

  watch(() => [filter.value.q, filter.value.category, filter.value.event], () => {
    if (route.name !== 'guides') return;  // leaving for a guide: nothing to search
    input.value = filter.value.q;
    void load();
  }, { immediate: true });
  onBeforeUnmount(() => inFlight?.abort());

  return { filter, input, loading, error, items, hotline, load, search, setCategory, pickEvent, clear };
}
