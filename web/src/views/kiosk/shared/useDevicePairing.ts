// The pairing link of a device (kiosk, evaluation pad): /…/pair#<token>,
// opened once by a hall manager on the device. The token is read from the
// fragment and taken out of the address at once (history keeps no copy);
// `check` confirms it with the server before `keep` stores it, and the
// device's start page follows after a few seconds.
import { onBeforeUnmount, onMounted, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { describeError } from '@/api/client';
import { tokenFromHash } from './device-token';
import { isUnpaired } from './result';
import { PAIRED_RETURN_MS } from './timing';

export type PairingState = 'missing' | 'checking' | 'done' | 'refused' | 'error';

export interface DevicePairing<T> {
  pairRoute: string;   // the pairing page's route name (the fragment is dropped there)
  homeRoute: string;   // the device's start page
  check: (token: string) => Promise<T>;
  keep: (token: string, answer: T) => boolean;  // false: could not be stored
  onMissing?: () => void;
}

export function useDevicePairing<T>(d: DevicePairing<T>) {
  const route = useRoute();
  const router = useRouter();
  const state = ref<PairingState>('checking');
  const answer = ref<T | null>(null);
  const kept = ref(true);
  const error = ref('');
  let candidate = '';
  let leaving: ReturnType<typeof setTimeout> | null = null;

  async function confirm() {
    state.value = 'checking';
    error.value = '';
    try {
      const got = await d.check(candidate);
      kept.value = d.keep(candidate, got);
      answer.value = got;
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
    void router.replace({ name: d.homeRoute });
  }

  onMounted(() => {
    candidate = tokenFromHash(route.hash);
    if (route.hash) void router.replace({ name: d.pairRoute, hash: '' });
    if (candidate) void confirm();
    else {
      state.value = 'missing';
      d.onMissing?.();
    }
  });

  onBeforeUnmount(() => {
    if (leaving !== null) clearTimeout(leaving);
  });

  return { state, answer, kept, error, retry: confirm, start };
}
