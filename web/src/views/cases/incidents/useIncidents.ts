// 应急处理: the incidents of the caller's sites, open ones by default (the
// address keeps ?all=1 for all of them), and who may do what here.
import { computed, onMounted, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { listIncidents, type Incident } from '@/api/cases';
import { ApiError, describeError } from '@/api/client';
import { useSessionStore } from '@/stores/session';
import type { ActionProblem } from '../shared/format';

export function useIncidents() {
  const route = useRoute();
  const router = useRouter();
  const session = useSessionStore();
  const openOnly = ref(route.query.all !== '1');
  const items = ref<Incident[]>([]);
  const loading = ref(true);
  const error = ref('');
  let reads = 0;

  // Reporting: case.intake or hall.manage (the page's own condition);
  // closing: hall.manage; the blank paper form: case.intake.
  const canClose = computed(() => session.hasPermission('hall.manage'));
  const canPrint = computed(() => session.hasPermission('case.intake'));

  async function load() {
    const read = ++reads;
    loading.value = true;
    error.value = '';
    try {
      const answer = (await listIncidents(openOnly.value)).items;
      if (read === reads) items.value = answer;
    } catch (e) {
      if (read === reads) error.value = describeError(e);
    } finally {
      if (read === reads) loading.value = false;
    }
  }

  watch(openOnly, (open) => {
    void router.replace({ query: open ? {} : { all: '1' } });
    void load();
  });
  onMounted(load);

  return { openOnly, items, loading, error, canClose, canPrint, load };
}

// A refused report or close in words (the case dialogs speak of 办件).
export function incidentProblem(e: unknown): ActionProblem {
  const message = describeError(e);
  if (!(e instanceof ApiError)) return { title: '操作失败', message };
  if (e.status === 409) return { title: '该事件已被他人处置,列表已刷新', message };
  if (e.status === 403) return { title: '没有权限执行此操作', message };
  if (e.status === 404) return { title: '事件或服务场所不存在,或不在您的管辖范围', message };
  if (e.status === 400 || e.status === 422) return { title: '填写有误', message };
  return { title: '操作失败', message };
}

export const INCIDENT_START_DAYS = 7;  // how far back started_at may go
