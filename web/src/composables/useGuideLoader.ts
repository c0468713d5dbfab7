// Loads the guide (the version in force) of the item named by the route's
// :code, with the three states every guide page shows: loading, not found
// (404) and error. Used by the public guide, the checklist and the kiosk.
import { computed, ref } from 'vue';
import { useRoute } from 'vue-router';
import { getGuide, type Full } from '@/api/catalog';
import { ApiError, describeError } from '@/api/client';

export function useGuideLoader(onLoaded?: (guide: Full) => Promise<void> | void) {
  const route = useRoute();
  const code = computed(() => String(route.params.code ?? ''));
  const loading = ref(true);
  const error = ref('');
  const notFound = ref(false);
  const guide = ref<Full | null>(null);

  async function load() {
    if (!code.value) return;
    loading.value = true;
    error.value = '';
    notFound.value = false;
    try {
      guide.value = await getGuide(code.value);
      await onLoaded?.(guide.value);
    } catch (e) {
      guide.value = null;
      if (e instanceof ApiError && e.status === 404) notFound.value = true;
      else error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  return { code, loading, error, notFound, guide, load };
}
