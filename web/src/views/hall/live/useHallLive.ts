// 大厅实况: the site's live figures, read again when the queue moves (the
// events of hall.<site>.queue, a burst read once) and every 30 s, since
// averages and waits grow without any event.
import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';
import { describeError } from '@/api/client';
import { subscribe, validTopic, type EventSubscription, type StreamState } from '@/api/events';
import { getFigures, hallTopic, type Figures } from '@/api/hall';
import { toastWarning } from '@/utils/feedback';
import { debounce } from '../shared/debounce';
import { changesFigures, isCrowdingEvent } from './figures';

const REFRESH_MS = 30_000;
const SETTLE_MS = 800;

export function useHallLive(siteId: Ref<number | null>) {
  const figures = ref<Figures | null>(null);
  const loading = ref(false);
  const error = ref('');        // the first read failed: nothing to show
  const staleError = ref('');   // a later read failed: the figures shown are older
  const updatedAt = ref<Date | null>(null);
  const stream = ref<StreamState>('closed');
  let reads = 0;
  let live: EventSubscription | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  async function load() {
    const id = siteId.value;
    if (id === null) return;
    const read = ++reads;
    const first = figures.value?.site_id !== id;
    if (first) {
      figures.value = null;
      loading.value = true;
    }
    error.value = '';
    try {
      const f = await getFigures(id);
      if (read !== reads) return;
      figures.value = f;
      staleError.value = '';
      updatedAt.value = new Date();
    } catch (e) {
      if (read !== reads) return;
      if (figures.value) staleError.value = describeError(e);
      else error.value = describeError(e);
    } finally {
      if (read === reads) loading.value = false;
    }
  }

  const settle = debounce(() => void load(), SETTLE_MS);

  function listen(id: number | null) {
    live?.close();
    live = null;
    settle.cancel();
    if (id === null || !validTopic(hallTopic(id))) return;
    let opened = false;
    live = subscribe([hallTopic(id)], (e) => {
      if (isCrowdingEvent(e.data)) toastWarning('大厅拥挤预警:有群众等候时间过长,已生成应急事件');
      if (changesFigures(e.data)) settle.run();
    }, (s) => {
      stream.value = s;
      // Events may have been missed while the stream was down.
      if (s === 'open' && opened) settle.run();
      if (s === 'open') opened = true;
    });
  }

  watch(siteId, (id) => {
    void load();
    listen(id);
  });

  onMounted(() => {
    void load();
    listen(siteId.value);
    timer = setInterval(() => {
      if (typeof document === 'undefined' || !document.hidden) void load();
    }, REFRESH_MS);
  });

  onBeforeUnmount(() => {
    live?.close();
    settle.cancel();
    if (timer !== null) clearInterval(timer);
  });

  return { figures, loading, error, staleError, updatedAt, stream, load };
}
