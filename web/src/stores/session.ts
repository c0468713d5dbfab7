// Who is signed in, at which step of signing in, and what they may do. The
// CSRF token that comes with Me is handed to the request client here, and
// nowhere else.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as auth from '@/api/auth';
import type { Me, TotpAnswer, TotpConfirmation, TotpEnrollment } from '@/api/auth';
import { ApiError, setCsrfToken } from '@/api/client';

export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const loaded = ref(false);       // GET /api/auth/me has answered once
  const loadError = ref<unknown>(null);

  const signedIn = computed(() => me.value !== null);
  const step = computed(() => me.value?.step ?? null);
  const ready = computed(() => me.value?.step === 'done');

  function apply(next: Me | null) {
    me.value = next;
    setCsrfToken(next?.csrf_token ?? '');
  }

  // 401 means "nobody signed in", not a failure. Other errors (server down)
  // leave nobody signed in too, but are kept so the login page can say so.
  async function load(): Promise<Me | null> {
    loadError.value = null;
    try {
      apply(await auth.getMe());
    } catch (e) {
      apply(null);
      if (!(e instanceof ApiError && e.status === 401)) loadError.value = e;
    } finally {
      loaded.value = true;
    }
    return me.value;
  }

  async function login(loginName: string, password: string): Promise<Me> {
    const next = await auth.login(loginName, password);
    apply(next);
    loaded.value = true;
    return next;
  }

  async function logout(): Promise<void> {
    try {
      await auth.logout();
    } finally {
      apply(null);  // signed out here even when the server could not be told
    }
  }

  async function submitTotp(answer: TotpAnswer): Promise<Me> {
    const next = await auth.submitTotp(answer);
    apply(next);
    return next;
  }

  const enrollTotp = (): Promise<TotpEnrollment> => auth.enrollTotp();

  // The recovery codes must be shown before the step moves on, so the caller
  // applies the returned Me itself (finishStep) once they are saved.
  async function confirmTotp(code: string): Promise<TotpConfirmation> {
    const result = await auth.confirmTotp(code);
    setCsrfToken(result.me.csrf_token);
    return result;
  }

  function finishStep(next: Me) {
    apply(next);
  }

  async function changePassword(current: string, next: string): Promise<Me> {
    const updated = await auth.changePassword(current, next);
    apply(updated);
    return updated;
  }

  // The server said the session is gone (401) or needs a step (403
  // STEP_REQUIRED); learn which step, or forget the session.
  async function authFailed(e: ApiError): Promise<void> {
    if (e.status === 401) apply(null);
    else await load();
  }

  function hasPermission(permission: string): boolean {
    return me.value?.permissions.includes(permission) ?? false;
  }

  return {
    me, loaded, loadError, signedIn, step, ready,
    load, login, logout, submitTotp, enrollTotp, confirmTotp, finishStep, changePassword, authFailed,
    hasPermission,
  };
});
