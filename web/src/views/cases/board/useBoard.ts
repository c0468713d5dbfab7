import { computed, onMounted, ref } from 'vue';
import { getBoard, type Board, type Case } from '@/api/cases';
import { describeError } from '@/api/client';

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

  onMounted(load);
  return { board, loading, error, bucket, count, cases, current, load };
}
