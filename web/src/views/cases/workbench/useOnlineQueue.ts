// 网上申报待预审: the online applications at the clerk's halls that wait for
// the pre-check of their materials (status intake, channel online). No live
// topic announces a new one, so the list is read again every minute while
// the page is in view, and at once when the clerk's own case changes.
import { computed, onMounted, onUnmounted, ref } from 'vue';
import { listCases, type Case } from '@/api/cases';
import { useLatestRead } from '@/composables/useLatestRead';

export const ONLINE_QUEUE_LIMIT = 50;
export const ONLINE_QUEUE_SHOWN = 6;
const REFRESH_MS = 60_000;

export function useOnlineQueue() {
  const { data: items, loading, error, load: read } = useLatestRead<Case[]>(
    async () => (await listCases({ status: 'intake', channel: 'online', limit: ONLINE_QUEUE_LIMIT })).items, []);
  const loaded = ref(false);  // one read has landed: later failures keep the list shown
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;

  async function load() {
    if (await read()) loaded.value = true;
    now.value = Date.now();
  }

  // The server answers the newest first (by id); "50+" when there are more.
  const countText = computed(() =>
    (items.value.length >= ONLINE_QUEUE_LIMIT ? `${ONLINE_QUEUE_LIMIT}+` : String(items.value.length)));
  const newest = computed(() => items.value.slice(0, ONLINE_QUEUE_SHOWN));

  onMounted(() => {
    void load();
    timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, REFRESH_MS);
  });
  onUnmounted(() => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  });

  return { items, newest, countText, loading, loaded, error, now, load };
}
