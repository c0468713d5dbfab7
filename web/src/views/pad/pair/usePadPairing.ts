// /pad/pair#<token>: the evaluation pad's pairing link, as the kiosk's
// (kiosk/shared/useDevicePairing); GET /api/pad/current confirms the token,
// kept under the pad's own key.
import { computed } from 'vue';
import { getPadCurrent } from '@/api/evaluation';
import { useDevicePairing } from '@/views/kiosk/shared/useDevicePairing';
import { writePadToken } from '../pad-token';

export type PadPairingState = import('@/views/kiosk/shared/useDevicePairing').PairingState;

export function usePadPairing() {
  const p = useDevicePairing({
    pairRoute: 'pad-pair',
    homeRoute: 'pad',
    check: getPadCurrent,
    keep: (token) => writePadToken(token),
  });
  const place = computed(() => (p.answer.value ? `${p.answer.value.site_name} · ${p.answer.value.window_number} 号窗口` : ''));
  return { state: p.state, place, kept: p.kept, error: p.error, retry: p.retry, start: p.start };
}
