// What every signed-in portal page does the same way: send a visitor who is
// not signed in to the login page (coming back to this page), and do so when
// the session is lost mid-way (a 401); and move focus to a message or a
// field after an action, scrolled into view.
import { nextTick } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { loginPageRoute } from './citizen';
import { clearSession } from './session';

export function usePageSession(back?: string) {
  const route = useRoute();
  const router = useRouter();
  const toLogin = () => router.replace(loginPageRoute(back ?? `/portal${route.fullPath}`));
  const sessionLost = () => { clearSession(); void toLogin(); };
  return { toLogin, sessionLost };
}

export function focusById(id: string, block: ScrollLogicalPosition = 'center') {
  void nextTick(() => {
    const el = document.getElementById(id);
    el?.focus();
    el?.scrollIntoView({ block });
  });
}
