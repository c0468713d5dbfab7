import { computed, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import {
  deleteGrant, getAccount, listAccountSessions, listGrants, resetPassword, resetTotp, revealAccount, updateAccount,
  type Account, type Grant,
} from '@/api/accounts';
import { deleteSession, type Session } from '@/api/auth';
import { describeError } from '@/api/client';
import { useUnits } from '@/composables/useUnits';
import { useSessionStore } from '@/stores/session';
import { confirmAction, toastError, toastSuccess } from '@/utils/feedback';
import { isConflict } from '@/utils/form-errors';

export function useAccountDetail() {
  const route = useRoute();
  const session = useSessionStore();
  const { units } = useUnits();
  const id = computed(() => Number(route.params.id));

  const loading = ref(true);
  const error = ref('');
  const account = ref<Account | null>(null);
  const grants = ref<Grant[]>([]);
  const sessions = ref<Session[]>([]);
  const sessionsError = ref('');
  const grantsError = ref('');
  const revealed = ref<{ name: string; phone: string } | null>(null);
  const busy = ref('');  // which action is running: "reveal", "active", "reset", "grant-3", "session-x"

  const canWrite = computed(() => session.hasPermission('account.write'));
  const canGrant = computed(() => session.hasPermission('grant.write'));
  const canManageSessions = computed(() => session.hasPermission('session.manage'));
  const canReveal = computed(() => session.hasPermission('personal.reveal'));
  const canResetTotp = computed(() => session.hasPermission('mfa.reset'));

  const granting = ref(false);
  const secretVisible = ref(false);
  const initialPassword = ref('');

  async function loadSessions() {
    if (!canManageSessions.value) return;
    sessionsError.value = '';
    try {
      sessions.value = (await listAccountSessions(id.value)).items;
    } catch (e) {
      sessionsError.value = describeError(e);
    }
  }

  async function loadGrants() {
    grantsError.value = '';
    try {
      grants.value = (await listGrants(id.value)).items;
    } catch (e) {
      grantsError.value = describeError(e);
    }
  }

  async function load() {
    loading.value = account.value?.id !== id.value;  // a reload keeps the page on screen
    error.value = '';
    revealed.value = null;
    try {
      const [a] = await Promise.all([getAccount(id.value), loadGrants(), loadSessions()]);
      account.value = a;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  async function run(action: string, work: () => Promise<void>) {
    busy.value = action;
    try {
      await work();
    } catch (e) {
      toastError(e);
      if (isConflict(e)) await load();  // someone else changed it: show theirs
    } finally {
      busy.value = '';
    }
  }

  async function reveal() {
    const ok = await confirmAction('查看完整的姓名和手机号码将记入审计日志(谁、何时、查看了谁)。请仅在办理业务确有需要时查看。',
      '查看完整信息', '确认查看');
    if (!ok) return;
    await run('reveal', async () => {
      revealed.value = await revealAccount(id.value);
    });
  }

  async function toggleActive() {
    const a = account.value;
    if (!a) return;
    const ok = await confirmAction(
      a.active ? `停用后 ${a.login} 将无法登录,其已登录的会话也会失效。确定停用?` : `确定重新启用 ${a.login}?`,
      a.active ? '停用账号' : '启用账号', a.active ? '停用' : '启用');
    if (!ok) return;
    await run('active', async () => {
      account.value = await updateAccount(a.id, { active: !a.active, version: a.version });
      toastSuccess(account.value.active ? '账号已启用' : '账号已停用');
      await loadSessions();
    });
  }

  // 编制内 (三(七)): high-risk items (待遇发放, 费率核定) need it for every back-office step.
  async function toggleFormal() {
    const a = account.value;
    if (!a) return;
    const ok = await confirmAction(
      a.formal_staff ? `取消后 ${a.login} 不能再办理待遇发放、费率核定等高风险事项的审核环节。确定取消?`
        : `确认 ${a.login} 为编制内人员?编制内人员可办理待遇发放、费率核定等高风险事项的审核环节。`,
      '编制内人员', '确定');
    if (!ok) return;
    await run('formal', async () => {
      account.value = await updateAccount(a.id, { formal_staff: !a.formal_staff, version: a.version });
      toastSuccess(account.value.formal_staff ? '已标记为编制内人员' : '已取消编制内标记');
    });
  }

  async function reset() {
    const a = account.value;
    if (!a) return;
    const ok = await confirmAction(`重置后 ${a.login} 的原密码立即失效,须使用新的初始密码登录并修改密码。确定重置?`,
      '重置密码', '重置');
    if (!ok) return;
    await run('reset', async () => {
      initialPassword.value = (await resetPassword(a.id)).initial_password;
      secretVisible.value = true;
      account.value = await getAccount(a.id);
    });
  }

  async function resetSecondFactor() {
    const a = account.value;
    if (!a) return;
    const ok = await confirmAction(
      `用于手机丢失等情形:重置后 ${a.login} 原有的动态口令和恢复码全部失效,已登录的会话会被注销,下次登录时须重新绑定。确定重置?`,
      '重置动态口令', '重置');
    if (!ok) return;
    await run('totp', async () => {
      await resetTotp(a.id);
      toastSuccess('动态口令已重置');
      account.value = await getAccount(a.id);
      await loadSessions();
    });
  }

  async function revokeGrant(g: Grant) {
    const ok = await confirmAction(`确定撤销在"${g.unit_name}"的"${g.role_name}"角色?`, '撤销授权', '撤销');
    if (!ok) return;
    await run(`grant-${g.id}`, async () => {
      await deleteGrant(g.id);
      toastSuccess('授权已撤销');
      await loadGrants();
    });
  }

  async function onGranted() {
    toastSuccess('授权成功');
    await run('grants', loadGrants);
  }

  async function revokeSession(s: Session) {
    const ok = await confirmAction(`确定强制下线来自 ${s.client_address || '未知地址'} 的会话?`, '强制下线', '强制下线');
    if (!ok) return;
    await run(`session-${s.id}`, async () => {
      await deleteSession(s.id);
      toastSuccess('已强制下线');
      await loadSessions();
    });
  }

  watch(id, load, { immediate: true });

  return {
    units, loading, error, account, grants, grantsError, sessions, sessionsError, revealed, busy,
    canWrite, canGrant, canManageSessions, canReveal, canResetTotp, resetSecondFactor, granting, secretVisible, initialPassword,
    load, reveal, toggleActive, toggleFormal, reset, revokeGrant, onGranted, revokeSession,
  };
}
