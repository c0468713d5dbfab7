// The slots of one group of one site, day by day (GET /api/hall/sites/:site/
// slots), from today (Beijing) over the booking window (the server keeps to
// the site's booking_days and working days).
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { listSlots, type SlotDay } from '@/api/kiosk';
import { describeError } from '@/api/client';
import { shanghaiDate } from '@/utils/time';
import { pickDay } from './slots';

// `wanted`: the day to open on when it is listed (the day of a slot already chosen).
export function useSlots(siteId: Ref<number | null>, group: Ref<string>, current: Ref<number | null>,
  wanted: () => string = () => '') {
  const days = ref<SlotDay[]>([]);
  const day = ref('');
  const loading = ref(false);
  const error = ref('');
  const today = ref(shanghaiDate(new Date()));
  const now = ref(Date.now());
  let generation = 0;

  async function load() {
    const site = siteId.value;
    const g = group.value;
    const mine = ++generation;  // a newer request wins
    if (site === null || !g) {
      days.value = [];
      day.value = '';
      return;
    }
    loading.value = true;
    error.value = '';
    today.value = shanghaiDate(new Date());
    try {
      const answer = await listSlots(site, g, today.value);
      if (mine !== generation) return;
      now.value = Date.now();
      days.value = answer.days;
      day.value = pickDay(answer.days, now.value, day.value || wanted(), current.value);
    } catch (e) {
      if (mine !== generation) return;
      days.value = [];
      error.value = describeError(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  const slots = computed(() => days.value.find((d) => d.day === day.value)?.slots ?? []);

  watch([siteId, group], () => {
    day.value = '';
    void load();
  }, { immediate: true });
  onBeforeUnmount(() => { generation++; });

  return { days, day, slots, loading, error, today, now, load };
}
