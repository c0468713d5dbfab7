// /pad/pair#<token>: the pairing link a hall manager opens once on the
// window's pad. As the kiosk's (views/kiosk/pair): the token leaves the
// address at once, GET /api/pad/current confirms it before it is kept under
// the pad's own key, and /pad follows after a few seconds.
import { onBeforeUnmount, onMounted, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { ApiError, describeError } from '@/api/client';
import { getPadCurrent } from '@/api/evaluation';
import { tokenFromHash } from '@/views/kiosk/shared/device-token';
import { PAIRED_RETURN_MS } from '@/views/kiosk/shared/timing';
import { writePadToken } from '../pad-token';

export type PadPairingState = 'missing' | 'checking' | 'done' | 'refused' | 'error';

export function usePadPairing() {
  const route = useRoute();
  const router = useRouter();
  const state = ref<PadPairingState>('checking');
  const place = ref('');
  const kept = ref(true);
  const error = ref('');
  let candidate = '';
  let leaving: ReturnType<typeof setTimeout> | null = null;

  async function confirm() {
    state.value = 'checking';
    error.value = '';
    try {
      const current = await getPadCurrent(candidate);
      kept.value = writePadToken(candidate);
      place.value = `${current.site_name} · ${current.window_number} 号窗口`;
      state.value = 'done';
      leaving = setTimeout(start, PAIRED_RETURN_MS);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) state.value = 'refused';
      else {
        error.value = describeError(e);
        state.value = 'error';
      }
    }
  }

  function start() {
    void router.replace({ name: 'pad' });
  }

  onMounted(() => {
    candidate = tokenFromHash(route.hash);
    if (route.hash) void router.replace({ name: 'pad-pair', hash: '' });
    if (candidate) void confirm();
    else state.value = 'missing';
  });

  onBeforeUnmount(() => {
    if (leaving !== null) clearTimeout(leaving);
  });

  return { state, place, kept, error, retry: confirm, start };
}
