import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { getGuide, getGuideOffers, type Full, type Offer } from '@/api/catalog';
import { ApiError, describeError } from '@/api/client';
import { useSystemStore } from '@/stores/system';

export function useGuide() {
  const route = useRoute();
  const router = useRouter();
  const system = useSystemStore();
  const code = computed(() => String(route.params.code ?? ''));

  const loading = ref(true);
  const error = ref('');
  const notFound = ref(false);
  const guide = ref<Full | null>(null);
  const offers = ref<Offer[]>([]);
  const hotline = computed(() => system.info?.deployment.hotline ?? '');
  const deploymentName = computed(() => system.info?.deployment.name ?? '');

  async function load() {
    if (!code.value) return;
    loading.value = true;
    error.value = '';
    notFound.value = false;
    try {
      guide.value = await getGuide(code.value);
      // Where to go is a help, not the guide: a failure leaves the list empty.
      offers.value = await getGuideOffers(code.value).then((r) => r.items, () => []);
      document.title = `${guide.value.name} · 办事指南 · 一窗`;
    } catch (e) {
      guide.value = null;
      if (e instanceof ApiError && e.status === 404) notFound.value = true;
      else error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  // Back to the list the person came from (keeping their search), else to the list.
  function back() {
    const previous = (window.history.state as { back?: unknown } | null)?.back;
    if (typeof previous === 'string' && previous.startsWith('/guides')) router.back();
    else void router.push({ name: 'guides' });
  }

  function print() {
    window.print();
  }

  function scrollTo(id: string) {
    document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  watch(code, load, { immediate: true });
  return { code, loading, error, notFound, guide, offers, hotline, deploymentName, load, back, print, scrollTo };
}
