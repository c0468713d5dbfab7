import { computed, onMounted, reactive, ref } from 'vue';
import { listAccounts, type Account } from '@/api/accounts';
import { describeError } from '@/api/client';
import { useUnits } from '@/composables/useUnits';
import { useSessionStore } from '@/stores/session';

export function useAccounts() {
  const session = useSessionStore();
  const { units } = useUnits();
  const filter = reactive({ q: '', unit: '' });
  const loading = ref(true);
  const error = ref('');
  const accounts = ref<Account[]>([]);
  const canWrite = computed(() => session.hasPermission('account.write'));

  const creating = ref(false);
  const secretVisible = ref(false);
  const created = ref<{ login: string; password: string }>({ login: '', password: '' });

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      accounts.value = (await listAccounts({ q: filter.q.trim(), unit: filter.unit })).items;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  function reset() {
    filter.q = '';
    filter.unit = '';
    void load();
  }

  function onCreated(account: Account, initialPassword: string) {
    created.value = { login: account.login, password: initialPassword };
    secretVisible.value = true;
    void load();
  }

  onMounted(load);
  return { units, filter, loading, error, accounts, canWrite, creating, secretVisible, created, load, reset, onCreated };
}
