// 数据交换: the subscriptions, and the secret of the one just created (shown
// once). Stopping one turns what was queued for it into dead letters.
import { onMounted, ref } from 'vue';
import { listSubscriptions, stopSubscription, type CreatedSubscription, type Subscription } from '@/api/exchange';
import { useLatestRead } from '@/composables/useLatestRead';
import { confirmAction, toastError, toastSuccess } from '@/utils/feedback';

export function useWebhooks(onStopped: () => void) {
  const { data: items, loading, error, load } =
    useLatestRead(async () => (await listSubscriptions()).items, [] as Subscription[]);
  const creating = ref(false);
  const secretVisible = ref(false);
  const created = ref<CreatedSubscription | null>(null);

  function onCreated(c: CreatedSubscription) {
    created.value = c;
    secretVisible.value = true;
    void load();
  }

  async function stop(s: Subscription) {
    const ok = await confirmAction(
      `停用后「${s.name}」不再接收新事件;已排队待推送的事件将转为死信,不再推送。停用不能撤销。`,
      '停用订阅', '停用');
    if (!ok) return;
    try {
      await stopSubscription(s.id);
      toastSuccess(`已停用「${s.name}」`);
      void load();
      onStopped();
    } catch (e) {
      toastError(e);
    }
  }

  onMounted(load);
  return { items, loading, error, load, creating, secretVisible, created, onCreated, stop };
}
