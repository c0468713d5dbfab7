// 接入系统: the systems holding a token, and the token just issued (at
// creation or rotation), shown once and then dropped from memory.
import { computed, onMounted, ref } from 'vue';
import {
  listApiClients, revokeApiClient, rotateApiClient, type ApiClient, type ApiClientList, type IssuedApiToken,
} from '@/api/exchange';
import { useLatestRead } from '@/composables/useLatestRead';
import { confirmAction, toastError, toastSuccess } from '@/utils/feedback';
import { apiClientStatus, type ApiClientStatus } from './status';

export function useApiClients() {
  const { data, loading, error, load: read } =
    useLatestRead<ApiClientList>(listApiClients, { items: [], scopes: [] });
  const items = computed(() => data.value.items);
  const scopes = computed(() => data.value.scopes);
  // Statuses are as of the last read, so a list and its tags agree.
  const now = ref(Date.now());
  const status = (c: ApiClient): ApiClientStatus => apiClientStatus(c, now.value);
  const busy = ref<number | null>(null);

  const creating = ref(false);
  const tokenVisible = ref(false);
  const issued = ref<IssuedApiToken | null>(null);

  async function load() {
    const landed = await read();
    if (landed) now.value = Date.now();
  }

  function showToken(t: IssuedApiToken) {
    issued.value = t;
    tokenVisible.value = true;
    void load();
  }

  // Once the dialog has closed, the token is nowhere in the page any more.
  function forgetToken() {
    issued.value = null;
  }

  async function rotate(c: ApiClient) {
    const ok = await confirmAction(
      `更换后「${c.name}」的旧令牌立即失效,对方系统须改用新令牌才能继续调用。`, '更换令牌', '更换');
    if (!ok) return;
    busy.value = c.id;
    try {
      showToken(await rotateApiClient(c.id));
    } catch (e) {
      toastError(e);
      void load();
    } finally {
      busy.value = null;
    }
  }

  async function revoke(c: ApiClient) {
    const ok = await confirmAction(
      `停用后「${c.name}」的令牌立即失效,对方系统不能再调用接口。停用不能撤销,如需恢复请新建。`, '停用接入系统', '停用');
    if (!ok) return;
    busy.value = c.id;
    try {
      await revokeApiClient(c.id);
      toastSuccess(`已停用「${c.name}」`);
    } catch (e) {
      toastError(e);
    } finally {
      busy.value = null;
      void load();
    }
  }

  onMounted(load);
  return {
    items, scopes, loading, error, load, status, busy, creating, tokenVisible, issued, showToken, forgetToken, rotate,
    revoke,
  };
}
