// The slots of one group of one site, day by day (GET /api/hall/sites/:site/
// slots), from today (Beijing) over the site's booking window; for the slot
// picker (components/PSlotPicker.vue) of 预约办事 and 改约. A newer request
// wins; `refresh` reads the same list again (after the server refused a slot:
// it filled up meanwhile), keeping the day on screen.
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { describeError } from '@/api/client';
import { shanghaiDate } from '@/utils/time';
import { listSiteSlots, type SlotDay } from './api';
import { pickDay } from './booking';

export function useSlots(
  siteId: Ref<number | null>, group: Ref<string>, current: Ref<number | null>, refresh: Ref<number>,
  wanted: () => string = () => '',
) {
  const days = ref<SlotDay[]>([]);
  const day = ref('');
  const loading = ref(false);
  const error = ref('');
  const today = ref(shanghaiDate(new Date()));
  const now = ref(Date.now());
  let controller: AbortController | null = null;

  async function load() {
    controller?.abort();
    const site = siteId.value;
    const g = group.value;
    if (site === null || !g) {
      controller = null;
      days.value = [];
      day.value = '';
      loading.value = false;
      return;
    }
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    error.value = '';
    today.value = shanghaiDate(new Date());
    try {
      const answer = await listSiteSlots(site, g, today.value, 7, mine.signal);
      if (mine.signal.aborted) return;
      now.value = Date.now();
      days.value = answer;
      day.value = pickDay(answer, now.value, day.value || wanted(), current.value);
    } catch (e) {
      if (mine.signal.aborted) return;
      days.value = [];
      error.value = describeError(e);
    } finally {
      if (!mine.signal.aborted) loading.value = false;
    }
  }

  const slots = computed(() => days.value.find((d) => d.day === day.value)?.slots ?? []);

  watch([siteId, group], () => {
    day.value = '';
    void load();
  }, { immediate: true });
  watch(refresh, () => { void load(); });
  onBeforeUnmount(() => controller?.abort());

  return { days, day, slots, loading, error, today, now, load };
}
