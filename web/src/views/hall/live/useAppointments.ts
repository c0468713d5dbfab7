// 今日预约 on 大厅实况: a day's bookings at the site (masked by the server).
import { computed, ref, watch, type Ref } from 'vue';
import { describeError } from '@/api/client';
import { listAppointments, type Appointment, type AppointmentState } from '@/api/hall';
import { todayShanghai } from '../shared/format';

export function useAppointments(siteId: Ref<number | null>) {
  const day = ref(todayShanghai());
  const items = ref<Appointment[]>([]);
  const loading = ref(false);
  const error = ref('');
  let reads = 0;

  async function load() {
    const id = siteId.value;
    if (id === null || !day.value) return;
    const read = ++reads;
    loading.value = true;
    error.value = '';
    try {
      const answer = (await listAppointments(id, day.value)).items;
      if (read === reads) items.value = [...answer].sort((a, b) => a.slot_start - b.slot_start || a.code.localeCompare(b.code));
    } catch (e) {
      if (read === reads) {
        items.value = [];
        error.value = describeError(e);
      }
    } finally {
      if (read === reads) loading.value = false;
    }
  }

  const counts = computed(() => {
    const c: Record<AppointmentState, number> = { booked: 0, checked_in: 0, cancelled: 0, no_show: 0 };
    for (const a of items.value) c[a.state] = (c[a.state] ?? 0) + 1;
    return c;
  });

  watch([siteId, day], load, { immediate: true });
  return { day, items, loading, error, counts, load };
}
