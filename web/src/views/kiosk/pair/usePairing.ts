// /kiosk/pair#<token>: the pairing link a hall manager opens once on the
// kiosk. The token is read from the fragment and taken out of the address at
// once (history keeps no copy); GET /api/kiosk/me confirms it before it is
// kept, and the start page follows after a few seconds.
import { onBeforeUnmount, onMounted, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { getKioskMe } from '@/api/kiosk';
import { describeError } from '@/api/client';
import { tokenFromHash } from '../shared/device-token';
import { isUnpaired } from '../shared/result';
import { PAIRED_RETURN_MS } from '../shared/timing';
import { useKioskDevice } from '../shared/useKioskDevice';

export type PairingState = 'missing' | 'checking' | 'done' | 'refused' | 'error';

export function usePairing() {
  const route = useRoute();
  const router = useRouter();
  const device = useKioskDevice();
  const state = ref<PairingState>('checking');
  const siteName = ref('');
  const deviceName = ref('');
  const kept = ref(true);
  const error = ref('');
  let candidate = '';
  let leaving: ReturnType<typeof setTimeout> | null = null;

  async function confirm() {
    state.value = 'checking';
    error.value = '';
    try {
      const me = await getKioskMe(candidate);
      kept.value = device.paired(candidate, me);
      siteName.value = me.site.name;
      deviceName.value = me.device.name;
      state.value = 'done';
      leaving = setTimeout(start, PAIRED_RETURN_MS);
    } catch (e) {
      if (isUnpaired(e)) state.value = 'refused';
      else {
        error.value = describeError(e);
        state.value = 'error';
      }
    }
  }

  function start() {
    void router.replace({ name: 'kiosk' });
  }

  onMounted(() => {
    candidate = tokenFromHash(route.hash);
    if (route.hash) void router.replace({ name: 'kiosk-pair', hash: '' });
    if (candidate) void confirm();
    else {
      state.value = 'missing';
      void device.refresh();  // is this kiosk paired already?
    }
  });

  onBeforeUnmount(() => {
    if (leaving !== null) clearTimeout(leaving);
  });

  return { state, siteName, deviceName, kept, error, pairedBefore: device.status, retry: confirm, start };
}
