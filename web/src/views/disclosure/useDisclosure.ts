// The 四公开 page's state: the document of the site in the address, the search
// word and which items are open.
import { computed, reactive, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { getDisclosure, type Disclosure } from '@/api/disclosure';
import { useLatestRead } from '@/composables/useLatestRead';
import { filterItems, groupByCategory, lawIndex, resultRows, siteIdOf } from './disclosure';

export function useDisclosure() {
  const route = useRoute();
  const siteId = computed(() => siteIdOf(route.params.site));
  const { data: doc, loading, error, load } = useLatestRead<Disclosure | null>(async () => {
    if (siteId.value === null) throw new Error('bad site');
    return getDisclosure(siteId.value);
  }, null);
  const badAddress = computed(() => siteId.value === null);
  const word = ref('');
  const open = reactive(new Set<string>());

  const shown = computed(() => filterItems(doc.value?.items ?? [], word.value));
  const groups = computed(() => groupByCategory(shown.value));
  const laws = computed(() => lawIndex(shown.value));
  const results = computed(() => (doc.value ? resultRows(doc.value.results.month, doc.value.results.year) : []));

  function toggle(code: string) {
    if (open.has(code)) open.delete(code);
    else open.add(code);
  }

  watch(siteId, async () => {
    open.clear();
    if (await load() && doc.value) document.title = `四公开 · ${doc.value.site.name} · 一窗`;
  }, { immediate: true });

  return { siteId, doc, loading, error, badAddress, load, word, open, shown, groups, laws, results, toggle };
}
