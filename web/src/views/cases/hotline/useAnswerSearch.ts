// 答案检索 beside the call: the box follows the caller's question until
// the person types in it, searches 400 ms after the last change (Enter at
// once), and shows only the newest answer when several are under way.
import { computed, onBeforeUnmount, ref, watch } from 'vue';
import { searchAnswers, type CatalogAnswer } from '@/api/catalog';
import { describeError } from '@/api/client';
import { answerQuery } from './hotline';

export const SEARCH_DELAY_MS = 400;

export function useAnswerSearch(question: () => string) {
  const query = ref('');
  const items = ref<CatalogAnswer[]>([]);
  const loading = ref(false);
  const error = ref('');
  // The query of the answer shown; '' before the first search.
  const searched = ref('');
  // The text last copied from the question: the box follows the question
  // while it still holds that (or nothing).
  let followed = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;

  const empty = computed(() => !loading.value && !error.value && searched.value !== '' && items.value.length === 0);

  function cancelTimer() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  async function run() {
    cancelTimer();
    const q = answerQuery(query.value);
    controller?.abort();
    if (!q) {
      controller = null;
      items.value = [];
      loading.value = false;
      error.value = '';
      searched.value = '';
      return;
    }
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    error.value = '';
    try {
      const answer = await searchAnswers(q, mine.signal);
      if (controller !== mine) return;
      items.value = answer.items;
      searched.value = q;
    } catch (e) {
      if (controller !== mine || (e instanceof DOMException && e.name === 'AbortError')) return;
      items.value = [];
      searched.value = q;
      error.value = describeError(e);
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  function later() {
    cancelTimer();
    timer = setTimeout(() => void run(), SEARCH_DELAY_MS);
  }

  watch(query, later);
  watch(question, (text) => {
    if (query.value.trim() === '' || query.value === followed) {
      followed = text;
      query.value = text;
    }
  });

  // The next call starts with an empty panel that follows its question again.
  function reset() {
    cancelTimer();
    controller?.abort();
    controller = null;
    followed = '';
    query.value = '';
    items.value = [];
    loading.value = false;
    error.value = '';
    searched.value = '';
  }

  onBeforeUnmount(() => {
    cancelTimer();
    controller?.abort();
  });

  return { query, items, loading, error, searched, empty, run, reset };
}
