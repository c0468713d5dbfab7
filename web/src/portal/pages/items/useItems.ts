// The item list's state: the filter lives in the address
// (/portal/items?event=|category=|q=, as the main app's guide list), the
// answer of GET /api/catalog/items for it, and a heading that says what is shown.
import { computed, onBeforeUnmount, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { CATEGORY_LABELS, LIFE_EVENT_LABELS, listGuides, type Card } from '@/api/catalog';
import { describeError } from '@/api/client';
import { filterFromQuery, type GuideFilter } from '@/views/guides/list/filter';
import { setTitle } from '../../title';

export function headingOf(f: GuideFilter): string {
  const parts: string[] = [];
  if (f.event) parts.push(LIFE_EVENT_LABELS[f.event]);
  if (f.category) parts.push(CATEGORY_LABELS[f.category]);
  if (f.q) parts.push(`“${f.q}”的搜索结果`);
  return parts.length > 0 ? parts.join(' · ') : '全部办事事项';
}

export function useItems() {
  const route = useRoute();
  const filter = computed(() => filterFromQuery(route.query));
  const heading = computed(() => headingOf(filter.value));
  const items = ref<Card[]>([]);
  const loading = ref(true);
  const error = ref('');
  let controller: AbortController | null = null;

  async function load() {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    error.value = '';
    const { q, category, event } = filter.value;
    try {
      items.value = (await listGuides({ q, category, event }, mine.signal)).items;
    } catch (e) {
      if (mine.signal.aborted) return;
      items.value = [];
      error.value = describeError(e);
    } finally {
      if (!mine.signal.aborted) loading.value = false;
    }
  }

  watch(filter, () => {
    setTitle(heading.value);
    void load();
  }, { immediate: true });
  onBeforeUnmount(() => controller?.abort());

  return { filter, heading, items, loading, error, load };
}
