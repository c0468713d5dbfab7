import { computed, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { AuthStep } from '@/api/auth';
import { describeError } from '@/api/client';
import { safeRedirect } from '@/router/guard';
import { useSessionStore } from '@/stores/session';
import { toastError } from '@/utils/feedback';

export type LoginView = 'login' | Exclude<AuthStep, 'done'>;

const TITLES: Record<LoginView, { title: string; hint: string }> = {
  login: { title: '工作人员登录', hint: '请使用本人账号登录。' },
  totp: { title: '动态口令验证', hint: '请输入手机身份验证器应用中显示的 6 位动态口令。' },
  totp_enroll: { title: '绑定动态口令', hint: '您的角色要求使用动态口令登录,请先完成绑定。' },
  change_password: { title: '修改密码', hint: '首次登录或密码被重置后,须先设置新密码。' },
};

// The login page follows the session's step; once it is "done" the page
// moves on to where the person was going.
export function useLogin() {
  const session = useSessionStore();
  const route = useRoute();
  const router = useRouter();

  const view = computed<LoginView>(() => {
    const step = session.me?.step;
    return step === undefined || step === 'done' ? 'login' : step;
  });
  const heading = computed(() => TITLES[view.value]);
  const loadError = computed(() => (session.loadError ? describeError(session.loadError) : ''));

  watch(
    () => session.me?.step,
    (step) => {
      if (step === 'done') void router.replace(safeRedirect(route.query.redirect));
    },
    { immediate: true },
  );

  // Leave a half-finished sign-in and start again with another account.
  async function restart() {
    try {
      await session.logout();
    } catch (e) {
      toastError(e);
    }
  }

  return { session, view, heading, loadError, restart };
}
