// 整改任务: the rectifications of the caller's units by tab (待整改,
// 已逾期升级, 已办结), and the one open in the drawer (?id= in the address,
// so the 好差评 list can link to it).
import { watch } from 'vue';
import {
  listRectifications, type AppealState, type Rectification, type RectificationFilter,
} from '@/api/evaluation';
import { useLatestRead } from '@/composables/useLatestRead';
import { useQueryId } from '@/views/hall/shared/useQueryId';
import { useQueryTab } from '@/views/hall/shared/useQueryTab';
import { todayShanghai } from '@/views/hall/shared/format';

export const RECTIFICATION_TABS = ['open', 'overdue', 'closed'] as const satisfies readonly RectificationFilter[];
export const TAB_LABELS: Record<RectificationFilter, string> = { open: '待整改', overdue: '已逾期升级', closed: '已办结' };

// 申诉复核's states as tag colours.
export function appealTagType(state: AppealState | ''): 'warning' | 'success' | 'info' {
  if (state === 'pending') return 'warning';
  return state === 'upheld' ? 'success' : 'info';
}

// Past its due day and still open: shown in red.
export const isPastDue = (r: Pick<Rectification, 'state' | 'due_day'>, today = todayShanghai()): boolean =>
  r.state === 'open' && r.due_day < today;

export function useRectifications() {
  const tab = useQueryTab<RectificationFilter>(RECTIFICATION_TABS);
  const { data, loading, error, load } = useLatestRead(async () => (await listRectifications(tab.value)).items,
    [] as Rectification[]);
  const { openId, open, close } = useQueryId();

  watch(tab, load, { immediate: true });
  return { tab, items: data, loading, error, load, openId, open, close };
}
