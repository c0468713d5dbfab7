// The kiosk home: categories, life events and the letter keyboard narrow the
// list as people tap. The search lives in the address (as on /guides), so
// 返回 from an item comes back to the same list; the idle reset goes back to
// the kiosk's start page.
import { computed, onBeforeUnmount, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { listGuides, type Card, type Category, type LifeEvent } from '@/api/catalog';
import { describeError } from '@/api/client';
import { useSystemStore } from '@/stores/system';
import { filterFromQuery, queryFromFilter, type GuideFilter } from '@/views/guides/list/filter';
import { deleteLetter, lettersFromQuery, pressLetter, queryFromLetters } from './keyboard';

const TYPING_PAUSE_MS = 400;  // search once the finger rests

export function useKioskHome() {
  const route = useRoute();
  const router = useRouter();
  const system = useSystemStore();
  const hotline = computed(() => system.info?.deployment.hotline ?? '');

  const filter = computed<GuideFilter>(() => filterFromQuery(route.query));
  const letters = ref(lettersFromQuery(filter.value.q));
  // What the query box shows: the letters, or a search that came in the address.
  const shown = computed(() => letters.value || filter.value.q);
  const loading = ref(true);
  const loaded = ref(false);  // a list has been shown: later searches keep it until the next arrives
  const error = ref('');
  const items = ref<Card[]>([]);
  let inFlight: AbortController | null = null;
  let typing: ReturnType<typeof setTimeout> | null = null;

  async function load() {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    loading.value = true;
    error.value = '';
    try {
      const { q, category, event } = filter.value;
      items.value = (await listGuides({ q, category, event }, controller.signal)).items;
      loaded.value = true;
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      error.value = describeError(e);
    } finally {
      if (inFlight === controller) {
        loading.value = false;
        inFlight = null;
      }
    }
  }

  function stopTyping() {
    if (typing !== null) clearTimeout(typing);
    typing = null;
  }

  // The search to send: the letters; a search from the address that is not
  // letters stays until letters are typed.
  function currentQ(): string {
    if (letters.value !== '') return queryFromLetters(letters.value);
    return lettersFromQuery(filter.value.q) === '' ? filter.value.q : '';
  }

  function go(next: Partial<GuideFilter>) {
    stopTyping();
    void router.replace({ name: 'kiosk-guides', query: queryFromFilter({ ...filter.value, q: currentQ(), ...next }) });
  }

  function typed() {
    stopTyping();
    typing = setTimeout(() => go({}), TYPING_PAUSE_MS);
  }

  function press(letter: string) {
    letters.value = pressLetter(letters.value, letter);
    typed();
  }

  function backspace() {
    letters.value = deleteLetter(letters.value);
    typed();
  }

  function clearLetters() {
    letters.value = '';
    go({ q: '' });
  }

  const setCategory = (category: Category | '') => go({ category });
  const toggleEvent = (event: LifeEvent) => go({ event: filter.value.event === event ? '' : event });

  function startOver() {
    letters.value = '';
    go({ q: '', category: '', event: '' });
  }

  // Back to the kiosk's start page (取号, 预约签到 ...).
  function home() {
    stopTyping();
    void router.push({ name: 'kiosk' });
  }

  function open(code: string) {
    stopTyping();
    void router.push({ name: 'kiosk-item', params: { code } });
  }

  watch(() => [filter.value.q, filter.value.category, filter.value.event], () => {
    if (route.name !== 'kiosk-guides') return;  // leaving for an item
    if (typing === null) letters.value = lettersFromQuery(filter.value.q);
    void load();
  }, { immediate: true });

  onBeforeUnmount(() => {
    stopTyping();
    inFlight?.abort();
  });

  return {
    filter, letters, shown, loading, loaded, error, items, hotline,
    load, press, backspace, clearLetters, setCategory, toggleEvent, startOver, open, home,
  };
}
