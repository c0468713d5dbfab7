// 审核队列: the open back-office tasks of each step the caller holds
// (三(七) 初审、复审、审批、复核), claimed before they are handled.
import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import {
  BACK_OFFICE_STEPS, STEP_PERMISSIONS, claimTask, listTasks, type BackOfficeStep, type QueueEntry,
} from '@/api/cases';
import { ApiError, describeError } from '@/api/client';
import { useSessionStore } from '@/stores/session';
import { toastError, toastSuccess } from '@/utils/feedback';

export function useQueue() {
  const route = useRoute();
  const router = useRouter();
  const session = useSessionStore();
  const myId = computed(() => session.me?.account.id ?? null);
  const steps = computed(() => BACK_OFFICE_STEPS.filter((s) => session.hasPermission(STEP_PERMISSIONS[s])));
  const wanted = String(route.query.step ?? '');
  const step = ref<BackOfficeStep | ''>(
    steps.value.find((s) => s === wanted) ?? steps.value[0] ?? '');
  const mine = ref(false);
  const entries = ref<QueueEntry[]>([]);
  const loading = ref(false);
  const error = ref('');
  const claiming = ref<number | null>(null);
  const selected = ref<QueueEntry | null>(null);

  async function load() {
    if (!step.value) return;
    const asked = step.value;
    loading.value = true;
    error.value = '';
    try {
      const items = (await listTasks(asked, mine.value)).items;
      if (asked === step.value) entries.value = items;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  async function claim(entry: QueueEntry) {
    claiming.value = entry.task.id;
    try {
      await claimTask(entry.task.id);
      toastSuccess(`已领取 ${entry.case.case_no}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        toastError(new ApiError(409, e.code, `已被他人办理:${e.message}`, e.field, e.requestId));
      } else toastError(e);
    } finally {
      claiming.value = null;
      await load();
    }
  }

  const heldByMe = (entry: QueueEntry) => entry.task.assignee_id !== null && entry.task.assignee_id === myId.value;

  function onActed() {
    selected.value = null;
    void load();
  }

  watch([step, mine], () => {
    entries.value = [];
    void router.replace({ query: step.value ? { step: step.value } : {} });
    void load();
  }, { immediate: true });

  return { steps, step, mine, entries, loading, error, claiming, selected, load, claim, heldByMe, onActed };
}
