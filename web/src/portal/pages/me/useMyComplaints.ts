// 我的投诉 on 我的服务: the signed-in citizen's complaints (GET
// /api/citizen/complaints), newest first, as the reporter sees them: the
// state, the deadline of the step the office owes, and the answer (or the
// reason it was not accepted). Read once per visit; a retry reads again.
import { onBeforeUnmount, ref } from 'vue';
import { ApiError, describeError } from '@/api/client';
import { listMyComplaints, type CitizenComplaint } from '../../api';

export function useMyComplaints(onSessionLost: () => void) {
  const items = ref<CitizenComplaint[]>([]);
  const loading = ref(true);
  const error = ref('');
  let controller: AbortController | null = null;

  async function load() {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    error.value = '';
    try {
      items.value = await listMyComplaints(mine.signal);
    } catch (e) {
      if (mine.signal.aborted) return;
      if (e instanceof ApiError && e.status === 401) { onSessionLost(); return; }
      error.value = describeError(e);
    } finally {
      if (!mine.signal.aborted) loading.value = false;
    }
  }

  void load();
  onBeforeUnmount(() => controller?.abort());
  return { items, loading, error, load };
}
