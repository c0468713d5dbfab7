// /kiosk/pair#<token>: the kiosk's pairing link (shared/useDevicePairing);
// GET /api/kiosk/me confirms the token.
import { computed } from 'vue';
import { getKioskMe } from '@/api/kiosk';
import { useDevicePairing } from '../shared/useDevicePairing';
import { useKioskDevice } from '../shared/useKioskDevice';

export type { PairingState } from '../shared/useDevicePairing';

export function usePairing() {
  const device = useKioskDevice();
  const p = useDevicePairing({
    pairRoute: 'kiosk-pair',
    homeRoute: 'kiosk',
    check: getKioskMe,
    keep: (token, me) => device.paired(token, me),
    onMissing: () => void device.refresh(),  // is this kiosk paired already?
  });
  const siteName = computed(() => p.answer.value?.site.name ?? '');
  const deviceName = computed(() => p.answer.value?.device.name ?? '');
  return { state: p.state, siteName, deviceName, kept: p.kept, error: p.error, pairedBefore: device.status,
    retry: p.retry, start: p.start };
}
