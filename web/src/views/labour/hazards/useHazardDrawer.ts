// One hazard: its follow-ups, a new follow-up, and 化解 (resolve).
import { reactive } from 'vue';
import { addFollowup, getHazard, resolveHazard, type HazardDetail } from '@/api/labour';
import { useRecordDrawer } from '@/composables/useRecordDrawer';
import { useServerErrors } from '@/utils/form-errors';
import { today } from '../shared/days';

export function useHazardDrawer() {
  const drawer = useRecordDrawer<HazardDetail>(getHazard);
  const { detail, loading, error, busy, load, forget, act } = drawer;
  const followup = reactive({ day: today(), note: '', nextDay: '' });
  const resolve = reactive({ day: today(), result: '' });
  const followupErrors = useServerErrors(['day', 'note', 'next_followup_day', 'state'] as const);
  const resolveErrors = useServerErrors(['day', 'result', 'state'] as const);

  function open(id: number) {
    Object.assign(followup, { day: today(), note: '', nextDay: '' });
    Object.assign(resolve, { day: today(), result: '' });
    followupErrors.clear();
    resolveErrors.clear();
    drawer.open(id);
  }
  async function saveFollowup() {
    const h = await act((id) => addFollowup(id, { day: followup.day, note: followup.note.trim(),
      ...(followup.nextDay ? { next_followup_day: followup.nextDay } : {}) }), followupErrors);
    if (h) Object.assign(followup, { day: today(), note: '', nextDay: '' });
    return h;
  }
  const saveResolve = () =>
    act((id) => resolveHazard(id, { day: resolve.day, result: resolve.result.trim() }), resolveErrors);

  return { detail, loading, error, followup, resolve, busy, followupErrors, resolveErrors, open, load, forget,
    saveFollowup, saveResolve };
}
