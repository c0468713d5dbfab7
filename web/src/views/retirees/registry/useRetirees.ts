// 退休人员 registry: the people of the caller's communities (≤ 500, masked),
// filtered on the server by community, kind, status and 本年度未联系.
import { computed, onMounted, reactive, ref, watch } from 'vue';
import { describeError } from '@/api/client';
import { listRetirees, type Retiree, type RetireeKind, type RetireeStatus } from '@/api/retirees';
import { upsertById } from '@/utils/list';

export function useRetirees() {
  const filter = reactive({ unit: '', kind: '' as RetireeKind | '', status: '' as RetireeStatus | '', uncontacted: false });
  const items = ref<Retiree[]>([]);
  const loading = ref(false);
  const error = ref('');
  let reads = 0;

  const uncontactedCount = computed(() => items.value.filter((r) => r.uncontacted_this_year).length);

  async function load() {
    const read = ++reads;
    loading.value = true;
    error.value = '';
    try {
      const answer = (await listRetirees({ ...filter })).items;
      if (read === reads) items.value = answer;
    } catch (e) {
      if (read === reads) error.value = describeError(e);
    } finally {
      if (read === reads) loading.value = false;
    }
  }

  // A change in the drawer: the card changes in place.
  const replace = (r: Retiree) => upsertById(items.value, r);

  watch(filter, () => void load());
  onMounted(load);
  return { filter, items, uncontactedCount, loading, error, load, replace };
}
