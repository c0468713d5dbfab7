// 用人单位 (附件一(一) 职业介绍): the employers in the caller's units, searched by
// name or credit code on the server (a short pause after typing).
import { onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { listEmployers, type Employer } from '@/api/employment';
import { useLatestRead } from '@/composables/useLatestRead';
import { upsertById } from '@/utils/list';

export function useEmployers() {
  const q = ref('');
  const { data, loading, error, load } = useLatestRead<Employer[]>(
    async () => (await listEmployers(q.value.trim())).items, []);
  let timer: ReturnType<typeof setTimeout> | undefined;

  watch(q, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 300);
  });
  onMounted(load);
  onBeforeUnmount(() => clearTimeout(timer));

  // An added or edited employer in place, without reading the list again.
  const replace = (e: Employer) => upsertById(data.value, e);

  return { q, items: data, loading, error, load, replace };
}
