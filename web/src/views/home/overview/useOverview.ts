import { onBeforeUnmount, onMounted, ref } from 'vue';
import { describeError } from '@/api/client';
import { getHealth, getSystemInfo, type Health, type SystemInfo } from '@/api/system';

export function useOverview() {
  const loading = ref(true);
  const error = ref('');
  const health = ref<Health | null>(null);
  const info = ref<SystemInfo | null>(null);
  let controller: AbortController | null = null;

  async function load() {
    controller?.abort();
    controller = new AbortController();
    loading.value = true;
    error.value = '';
    try {
      const [h, i] = await Promise.all([getHealth(controller.signal), getSystemInfo(controller.signal)]);
      health.value = h;
      info.value = i;
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  onMounted(load);
  onBeforeUnmount(() => controller?.abort());
  return { loading, error, health, info, load };
}
