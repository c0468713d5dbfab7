// The login page's state: what the server offers (GET /api/citizen/config),
// where to go afterwards (?next=, a path of this site, else /portal/me), the
// message of a failed sign-in (?error=), and the two ways in: the identity
// provider (a full page load) and, where enabled, the demo citizens.
import { computed, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { describeError } from '@/api/client';
import { demoLogin, getCitizenConfig, type CitizenConfig } from '../../api';
import { loginErrorText, oidcLoginUrl, portalRouteOf, safeNextPath } from '../../citizen';
import { expectSignIn, setSession, useCitizenSession } from '../../session';

export function useLogin() {
  const route = useRoute();
  const router = useRouter();
  const { citizen } = useCitizenSession();
  const config = ref<CitizenConfig | null>(null);
  const loading = ref(true);
  const error = ref('');
  const signingIn = ref('');      // the demo account being signed in
  const demoError = ref('');

  const next = computed(() => safeNextPath(route.query.next));
  const serverError = computed(() => loginErrorText(route.query.error));
  const signedOut = computed(() => route.query.signed_out === '1');
  const unavailable = computed(() => config.value !== null && !config.value.oidc && !config.value.demo);

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      config.value = await getCitizenConfig();
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  function go(path: string) {
    const inPortal = portalRouteOf(path);
    if (inPortal !== null) void router.replace(inPortal);
    else window.location.assign(path);
  }

  function signInWithProvider() {
    expectSignIn();
    window.location.assign(oidcLoginUrl(next.value));
  }

  async function signInAsDemo(key: string) {
    if (signingIn.value) return;
    signingIn.value = key;
    demoError.value = '';
    try {
      setSession(await demoLogin(key));
      go(next.value);
    } catch (e) {
      demoError.value = describeError(e);
    } finally {
      signingIn.value = '';
    }
  }

  void load();
  return { config, loading, error, serverError, signedOut, citizen, next, unavailable, signingIn, demoError, load, signInWithProvider, signInAsDemo };
}
