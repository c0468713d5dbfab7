// The signed-in citizen, shared by the header and the pages (one reactive
// value, no Pinia). The session cookie is HttpOnly, so the page cannot see
// it: a hint in localStorage says that this browser signed in, and only then
// does the header ask GET /api/citizen/me, once per page load, after the
// first paint. Everyone else is not asked (no 401 per page view); /portal/me
// always asks. The hint is set on a sign-in (also just before leaving for the
// identity provider) and dropped on sign-out and on a 401.
import { ref, type Ref } from 'vue';
import { ApiError } from '@/api/client';
import { getCitizenMe, type Citizen, type CitizenSession } from './api';

export type SessionState = 'unknown' | 'checking' | 'anonymous' | 'signed-in';

const HINT_KEY = 'yichuang.citizen';

const citizen = ref<Citizen | null>(null);
const csrfToken = ref('');
const state = ref<SessionState>('unknown');
let inFlight: Promise<CitizenSession | null> | null = null;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;  // storage refused: then the header asks every time
  }
}

function readHint(): boolean {
  const s = storage();
  return s === null ? true : s.getItem(HINT_KEY) === '1';
}

function writeHint(on: boolean): void {
  try {
    const s = storage();
    if (on) s?.setItem(HINT_KEY, '1');
    else s?.removeItem(HINT_KEY);
  } catch {
    // quota or privacy settings: the hint is only an optimisation
  }
}

export function useCitizenSession(): { citizen: Ref<Citizen | null>; csrfToken: Ref<string>; state: Ref<SessionState> } {
  return { citizen, csrfToken, state };
}

export function setSession(s: CitizenSession): void {
  citizen.value = s.citizen;
  csrfToken.value = s.csrf_token;
  state.value = 'signed-in';
  writeHint(true);
}

export function clearSession(): void {
  citizen.value = null;
  csrfToken.value = '';
  state.value = 'anonymous';
  writeHint(false);
}

// Before leaving for the identity provider: the page that comes back after
// the callback then asks who is signed in.
export function expectSignIn(): void {
  writeHint(true);
}

// Asks the server who is signed in (one request at a time): the session, or
// null when nobody is (401). Other failures are thrown; the state is kept.
export function refreshSession(): Promise<CitizenSession | null> {
  if (!inFlight) {
    const previous = state.value;
    state.value = 'checking';
    inFlight = getCitizenMe().then(
      (s) => { setSession(s); return s; },
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 401) { clearSession(); return null; }
        state.value = previous === 'checking' ? 'unknown' : previous;
        throw e;
      },
    ).finally(() => { inFlight = null; });
  }
  return inFlight;
}

// For the header: asks once per page load, and only when this browser has
// signed in before; a failure leaves the header at 登录.
export function probeSession(): void {
  if (state.value !== 'unknown') return;
  if (!readHint()) { state.value = 'anonymous'; return; }
  refreshSession().catch(() => { if (state.value === 'unknown') state.value = 'anonymous'; });
}
