import { computed, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { getCase, type Detail } from '@/api/cases';
import { describeError } from '@/api/client';

export function useCaseDetail() {
  const route = useRoute();
  const id = computed(() => Number(route.params.id));
  const detail = ref<Detail | null>(null);
  const loading = ref(true);
  const error = ref('');

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      detail.value = await getCase(id.value);
      document.title = `${detail.value.case_no} · 办件详情 · 一窗`;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  function onChanged(next: Detail | null) {
    if (next) detail.value = next;
    else void load();
  }

  watch(id, load, { immediate: true });
  return { id, detail, loading, error, load, onChanged };
}
