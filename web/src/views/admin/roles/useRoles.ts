import { onMounted, ref } from 'vue';
import { listRoles, type Role } from '@/api/accounts';
import { describeError } from '@/api/client';

export function useRoles() {
  const loading = ref(true);
  const error = ref('');
  const roles = ref<Role[]>([]);

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      roles.value = (await listRoles()).items;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  onMounted(load);
  return { loading, error, roles, load };
}
