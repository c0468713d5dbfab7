import { onMounted, ref } from 'vue';
import { useRouter } from 'vue-router';
import { deleteSession, listMySessions, type Session } from '@/api/auth';
import { describeError } from '@/api/client';
import { useSessionStore } from '@/stores/session';
import { confirmAction, toastError, toastSuccess } from '@/utils/feedback';

export function useMySessions() {
  const session = useSessionStore();
  const router = useRouter();
  const loading = ref(true);
  const error = ref('');
  const sessions = ref<Session[]>([]);
  const busyId = ref('');

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      sessions.value = (await listMySessions()).items;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  async function revoke(s: Session) {
    const ok = await confirmAction(
      s.current ? '注销当前会话后,您需要重新登录。确定注销?' : `确定注销来自 ${s.client_address || '未知地址'} 的会话?该设备将需要重新登录。`,
      '注销会话', '注销');
    if (!ok) return;
    busyId.value = s.id;
    try {
      await deleteSession(s.id);
      if (s.current) {
        await session.logout().catch(() => undefined);  // already gone on the server
        await router.push({ name: 'login' });
        return;
      }
      toastSuccess('会话已注销');
      await load();
    } catch (e) {
      toastError(e);
    } finally {
      busyId.value = '';
    }
  }

  onMounted(load);
  return { loading, error, sessions, busyId, load, revoke };
}
