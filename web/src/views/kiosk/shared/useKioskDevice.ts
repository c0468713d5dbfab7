// The paired kiosk, for all kiosk pages at once: its token (localStorage)
// and what GET /api/kiosk/me last said (site, hours, groups). One state for
// the whole app, like a store: the start page, 取号 and the header read the
// same answer. An unknown or revoked token (401) makes the kiosk unpaired;
// the token is kept, so a server answering 401 by mistake costs no
// re-pairing, and a new pairing link replaces it.
import { computed, ref } from 'vue';
import { getKioskMe, type KioskMe } from '@/api/kiosk';
import { describeError } from '@/api/client';
import { browserStorage, readToken, writeToken } from './device-token';
import { isUnpaired } from './result';

export type DeviceStatus = 'unpaired' | 'checking' | 'ready' | 'error';

const token = ref(readToken(browserStorage()));
const me = ref<KioskMe | null>(null);
const status = ref<DeviceStatus>(token.value ? 'checking' : 'unpaired');
const error = ref('');
const loading = ref(false);
let inFlight: AbortController | null = null;

async function refresh(): Promise<void> {
  token.value = readToken(browserStorage()) || token.value;
  if (!token.value) {
    status.value = 'unpaired';
    me.value = null;
    return;
  }
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  loading.value = true;
  if (status.value !== 'ready') status.value = 'checking';
  try {
    me.value = await getKioskMe(token.value, controller.signal);
    status.value = 'ready';
    error.value = '';
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return;
    if (isUnpaired(e)) lost();
    else {
      error.value = describeError(e);
      // What was shown stays on screen; only a kiosk that never loaded shows the error.
      if (me.value === null) status.value = 'error';
    }
  } finally {
    if (inFlight === controller) {
      inFlight = null;
      loading.value = false;
    }
  }
}

// A pairing confirmed by the server: keep the token; false when the browser
// refused to store it (then the kiosk would forget it on the next reload).
function paired(newToken: string, answer: KioskMe): boolean {
  const kept = writeToken(browserStorage(), newToken);
  token.value = newToken;
  me.value = answer;
  status.value = 'ready';
  error.value = '';
  return kept;
}

// Any kiosk call answered 401.
function lost() {
  me.value = null;
  status.value = 'unpaired';
}

export function useKioskDevice() {
  return {
    token: computed(() => token.value),
    me: computed(() => me.value),
    status: computed(() => status.value),
    error: computed(() => error.value),
    loading: computed(() => loading.value),
    siteName: computed(() => me.value?.site.name ?? ''),
    refresh,
    paired,
    lost,
  };
}
