// One item on the kiosk: its guide in large type, what to bring first, and
// the way to a printed checklist.
import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { getGuide, type Full } from '@/api/catalog';
import { ApiError, describeError } from '@/api/client';
import { useSystemStore } from '@/stores/system';

export function useKioskItem() {
  const route = useRoute();
  const router = useRouter();
  const system = useSystemStore();
  const code = computed(() => String(route.params.code ?? ''));
  const hotline = computed(() => system.info?.deployment.hotline ?? '');

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
    } catch (e) {
      guide.value = null;
      if (e instanceof ApiError && e.status === 404) notFound.value = true;
      else error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  // Back to the list the person came from (with their letters), else home.
  function back() {
    const previous = (window.history.state as { back?: unknown } | null)?.back;
    if (typeof previous === 'string' && previous.startsWith('/kiosk/guides')) router.back();
    else void router.push({ name: 'kiosk' });
  }

  function home() {
    void router.push({ name: 'kiosk' });
  }

  function printChecklist() {
    void router.push({ name: 'kiosk-checklist', params: { code: code.value }, query: { print: '1' } });
  }

  watch(code, load, { immediate: true });
  return { code, loading, error, notFound, guide, hotline, load, back, home, printChecklist };
}
