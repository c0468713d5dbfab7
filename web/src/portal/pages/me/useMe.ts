// 我的服务 (/portal/me): who is signed in (GET /api/citizen/me; nobody →
// the login page, coming back here), their cases (GET /api/citizen/cases;
// their bookings are MyAppointments.vue's) and signing out (POST
// /api/citizen/logout with the session's CSRF token).
import { ref } from 'vue';
import { useRouter } from 'vue-router';
import { ApiError, describeError } from '@/api/client';
import { citizenLogout, listMyCases, type CitizenCase } from '../../api';
import { clearSession, refreshSession, useCitizenSession } from '../../session';
import { usePageSession } from '../../usePageSession';

export function useMe() {
  const router = useRouter();
  const { citizen, csrfToken } = useCitizenSession();
  const loading = ref(true);
  const error = ref('');
  const cases = ref<CitizenCase[]>([]);
  const casesLoading = ref(true);
  const casesError = ref('');
  const signingOut = ref(false);
  const signOutError = ref('');

  const { toLogin, sessionLost } = usePageSession('/portal/me');

  async function loadCases() {
    casesLoading.value = true;
    casesError.value = '';
    try {
      cases.value = await listMyCases();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) { sessionLost(); return; }
      casesError.value = describeError(e);
    } finally {
      casesLoading.value = false;
    }
  }

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      if (!await refreshSession()) { void toLogin(); return; }
    } catch (e) {
      error.value = describeError(e);
      return;
    } finally {
      loading.value = false;
    }
    void loadCases();
  }

  async function signOut() {
    if (signingOut.value) return;
    signingOut.value = true;
    signOutError.value = '';
    try {
      await citizenLogout(csrfToken.value);
    } catch (e) {
      // A session that already ended is as good as signed out.
      if (!(e instanceof ApiError && e.status === 401)) {
        signOutError.value = describeError(e);
        return;
      }
    } finally {
      signingOut.value = false;
    }
    clearSession();
    void router.replace({ path: '/login', query: { signed_out: '1' } });
  }

  void load();
  return {
    citizen, loading, error, cases, casesLoading, casesError, signingOut, signOutError, load, loadCases, signOut, sessionLost,
  };
}
