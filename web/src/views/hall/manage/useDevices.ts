// 自助终端 tab: the site's kiosks and window agents, registering one (its
// token is shown once) and revoking one.
import { ref, watch, type Ref } from 'vue';
import { useLatestRead } from '@/composables/useLatestRead';
import { listDevices, revokeDevice, type Device, type DeviceRegistration } from '@/api/hall';
import { deviceKindLabel, isPad } from './devices';
import { confirmAction, toastError, toastSuccess } from '@/utils/feedback';

function revokeQuestion(d: Device): string {
  if (d.kind === 'agent') return `停用后,“${d.name}”不能再向系统报告设备状态,须重新登记并配对才能使用。确定停用吗?`;
  if (isPad(d)) return `停用后,“${d.name}”不能再用于评价,须重新登记并配对才能使用。确定停用吗?`;
  return `停用后,“${d.name}”不能再取号,须重新登记才能使用。确定停用吗?`;
}

export function useDevices(siteId: Ref<number>) {
  // Active ones first, then in the order registered.
  const { data: items, loading, error, load } = useLatestRead<Device[]>(
    async () => [...(await listDevices(siteId.value)).items]
      .sort((a, b) => Number(b.active) - Number(a.active) || a.id - b.id), []);
  const busyId = ref(0);
  const registration = ref<DeviceRegistration | null>(null);
  const pairingOpen = ref(false);

  function onRegistered(r: DeviceRegistration) {
    items.value = [r.device, ...items.value.filter((d) => d.id !== r.device.id)];
    registration.value = r;
    pairingOpen.value = true;
  }

  // The token leaves memory with the dialog: it is never shown again.
  function onPairingClosed() {
    registration.value = null;
  }

  async function revoke(d: Device) {
    const ok = await confirmAction(
      revokeQuestion(d), `停用${deviceKindLabel(d.kind)}`, '停用');
    if (!ok) return;
    busyId.value = d.id;
    try {
      await revokeDevice(d.id);
      items.value = items.value.map((x) => (x.id === d.id ? { ...x, active: false } : x));
      toastSuccess(`“${d.name}”已停用`);
    } catch (e) {
      toastError(e);
      await load();
    } finally {
      busyId.value = 0;
    }
  }

  watch(siteId, load, { immediate: true });
  return { items, loading, error, busyId, registration, pairingOpen, load, onRegistered, onPairingClosed, revoke };
}
