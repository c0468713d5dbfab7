// One item on the kiosk: its guide in large type, what to bring first, and
// the way to a printed checklist.
import { computed, watch } from 'vue';
import { useRouter } from 'vue-router';
import { useGuideLoader } from '@/composables/useGuideLoader';
import { useSystemStore } from '@/stores/system';

export function useKioskItem() {
  const router = useRouter();
  const system = useSystemStore();
  const hotline = computed(() => system.info?.deployment.hotline ?? '');
  const { code, loading, error, notFound, guide, load } = useGuideLoader();

  // Back to the list the person came from (with their letters), else the list.
  function back() {
    const previous = (window.history.state as { back?: unknown } | null)?.back;
    if (typeof previous === 'string' && previous.startsWith('/kiosk/guides')) router.back();
    else void router.push({ name: 'kiosk-guides' });
  }

  // The kiosk's start page.
  function home() {
    void router.push({ name: 'kiosk' });
  }

  function printChecklist() {
    void router.push({ name: 'kiosk-checklist', params: { code: code.value }, query: { print: '1' } });
  }

  watch(code, load, { immediate: true });
  return { code, loading, error, notFound, guide, hotline, load, back, home, printChecklist };
}
