import { computed, ref, watch } from 'vue';
import { useRouter } from 'vue-router';
import { getGuideOffers, type Offer } from '@/api/catalog';
import { useGuideLoader } from '@/composables/useGuideLoader';
import { useSystemStore } from '@/stores/system';

export function useGuide() {
  const router = useRouter();
  const system = useSystemStore();
  const offers = ref<Offer[]>([]);
  const { code, loading, error, notFound, guide, load } = useGuideLoader(async (g) => {
    // Where to go is a help, not the guide: a failure leaves the list empty.
    offers.value = await getGuideOffers(g.code).then((r) => r.items, () => []);
    document.title = `${g.name} · 办事指南 · 一窗`;
  });
  const hotline = computed(() => system.info?.deployment.hotline ?? '');
  const deploymentName = computed(() => system.info?.deployment.name ?? '');

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
