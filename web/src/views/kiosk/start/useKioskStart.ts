// The kiosk's start page: what this kiosk offers, once the server has said
// which site it belongs to. It asks again every minute while it is shown,
// so "现在不是取号时间" turns by itself when the hall opens.
import { computed, onBeforeUnmount, onMounted } from 'vue';
import { hoursText } from '../shared/result';
import { useKioskDevice } from '../shared/useKioskDevice';

const REFRESH_MS = 60_000;

export function useKioskStart() {
  const device = useKioskDevice();
  const hours = computed(() => hoursText(device.me.value?.hours ?? ''));
  const openNow = computed(() => device.me.value?.open_now === true);
  let timer: ReturnType<typeof setInterval> | null = null;

  onMounted(() => {
    void device.refresh();
    timer = setInterval(() => {
      if (device.status.value === 'ready') void device.refresh();
    }, REFRESH_MS);
  });
  onBeforeUnmount(() => {
    if (timer !== null) clearInterval(timer);
  });

  return {
    status: device.status, error: device.error, loading: device.loading, siteName: device.siteName,
    hours, openNow, retry: device.refresh,
  };
}
