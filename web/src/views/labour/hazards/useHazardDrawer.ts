// One hazard: its follow-ups, a new follow-up, and 化解 (resolve).
import { reactive, ref } from 'vue';
import { addFollowup, getHazard, resolveHazard, type HazardDetail } from '@/api/labour';
import { describeError } from '@/api/client';
import { useServerErrors } from '@/utils/form-errors';
import { today } from '../shared/days';

export function useHazardDrawer() {
  const detail = ref<HazardDetail | null>(null);
  const loading = ref(false);
  const error = ref('');
  const followup = reactive({ day: today(), note: '', nextDay: '' });
  const resolve = reactive({ day: today(), result: '' });
  const busy = ref(false);
  const followupErrors = useServerErrors(['day', 'note', 'next_followup_day', 'state'] as const);
  const resolveErrors = useServerErrors(['day', 'result', 'state'] as const);
  let current = 0;

  async function load() {
    const id = current;
    loading.value = true;
    error.value = '';
    try {
      const d = await getHazard(id);
      if (id === current) detail.value = d;
    } catch (e) {
      if (id === current) error.value = describeError(e);
    } finally {
      if (id === current) loading.value = false;
    }
  }
  async function open(id: number) {
    current = id;
    Object.assign(followup, { day: today(), note: '', nextDay: '' });
    Object.assign(resolve, { day: today(), result: '' });
    followupErrors.clear();
    resolveErrors.clear();
    await load();
  }
  function forget() {
    current = 0;
    detail.value = null;
  }

  async function act(fn: () => Promise<HazardDetail>, errors: { clear: () => void; show: (e: unknown) => void }) {
    if (busy.value) return null;
    busy.value = true;
    errors.clear();
    try {
      detail.value = await fn();
      return detail.value;
    } catch (e) {
      errors.show(e);
      return null;
    } finally {
      busy.value = false;
    }
  }
  async function saveFollowup() {
    const id = current;
    const h = await act(() => addFollowup(id, { day: followup.day, note: followup.note.trim(),
      ...(followup.nextDay ? { next_followup_day: followup.nextDay } : {}) }), followupErrors);
    if (h) Object.assign(followup, { day: today(), note: '', nextDay: '' });
    return h;
  }
  const saveResolve = () => {
    const id = current;
    return act(() => resolveHazard(id, { day: resolve.day, result: resolve.result.trim() }), resolveErrors);
  };

  return { detail, loading, error, followup, resolve, busy, followupErrors, resolveErrors, open, load, forget,
    saveFollowup, saveResolve };
}
