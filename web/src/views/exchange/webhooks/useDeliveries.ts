// 推送记录: the outbox by state (?tab=), newest first; a dead letter can be
// sent again, which makes it pending.
import { ref, watch } from 'vue';
import { listDeliveries, retryDelivery, type Delivery, type DeliveryState } from '@/api/exchange';
import { useLatestRead } from '@/composables/useLatestRead';
import { toastError, toastSuccess } from '@/utils/feedback';
import { useQueryTab } from '@/views/hall/shared/useQueryTab';

export const DELIVERY_TABS = ['pending', 'delivered', 'dead'] as const satisfies readonly DeliveryState[];
export const DELIVERY_TAB_LABELS: Record<DeliveryState, string> = { pending: '待推送', delivered: '已送达', dead: '死信' };

export function useDeliveries(onRetried: () => void) {
  const tab = useQueryTab<DeliveryState>(DELIVERY_TABS);
  const { data: items, loading, error, load } =
    useLatestRead(async () => (await listDeliveries(tab.value)).items, [] as Delivery[]);
  const retrying = ref<number | null>(null);

  async function retry(d: Delivery) {
    retrying.value = d.id;
    try {
      await retryDelivery(d.id);
      toastSuccess('已重新加入待推送');
      void load();
      onRetried();
    } catch (e) {
      toastError(e);
    } finally {
      retrying.value = null;
    }
  }

  watch(tab, load, { immediate: true });
  return { tab, items, loading, error, load, retrying, retry };
}
