import { computed, onMounted, onUnmounted, ref } from 'vue';
import { getBoard, type Board, type Case } from '@/api/cases';
import { describeError } from '@/api/client';
import { subscribe, validTopic, type EventSubscription, type LiveEvent } from '@/api/events';
import { useSessionStore } from '@/stores/session';
import { toastWarning } from '@/utils/feedback';

export type Bucket = 'warning' | 'overdue' | 'suspended' | 'ready' | 'followups';

export const BUCKETS: { key: Bucket; label: string; hint: string; tone: string }[] = [
  { key: 'overdue', label: '已超期', hint: '超过承诺办结时限,须督办', tone: 'danger' },
  { key: 'warning', label: '即将到期', hint: '已用去八成承诺时限', tone: 'warning' },
  { key: 'suspended', label: '暂停计时', hint: '等待申请人补正材料', tone: 'info' },
  { key: 'ready', label: '待出件', hint: '已办结,等待窗口出件', tone: 'success' },
  { key: 'followups', label: '待回访', hint: '已出件,回访未完成', tone: 'primary' },
];

export function useBoard() {
  const board = ref<Board | null>(null);
  const loading = ref(true);
  const error = ref('');
  const bucket = ref<Bucket>('overdue');

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      board.value = await getBoard();
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  const count = (b: Bucket) => board.value?.[b].length ?? 0;
  const cases = computed<Case[]>(() => board.value?.[bucket.value] ?? []);
  const current = computed(() => BUCKETS.find((b) => b.key === bucket.value) ?? BUCKETS[0]!);

  // The sweep tells the board at once when cases here were just warned or
  // escalated (topic cases.<unit code>, counts only); the board reloads.
  const session = useSessionStore();
  let live: EventSubscription | null = null;
  function listen() {
    const units = new Set((session.me?.roles ?? []).map((r) => r.unit_code));
    if (session.me) units.add(session.me.account.unit_code);
    const topics = [...units].map((u) => `cases.${u}`).filter(validTopic);
    if (topics.length === 0) return;
    live = subscribe(topics, (e: LiveEvent) => {
      const d = e.data as { warned?: number; overdue?: number };
      if ((d.overdue ?? 0) > 0) toastWarning(`有 ${d.overdue} 件办件超过承诺时限,请督办`);
      void load();
    }, () => {});
  }

  onMounted(() => {
    void load();
    listen();
  });
  onUnmounted(() => live?.close());
  return { board, loading, error, bucket, count, cases, current, load };
}
