// The printable material checklist of one item (/guides/:code/checklist, and
// inside the kiosk at /kiosk/guides/:code/checklist, which prints at once
// when opened with ?print=1).
import { computed, nextTick, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { useGuideLoader } from '@/composables/useGuideLoader';
import { useSystemStore } from '@/stores/system';
import { feeText } from '@/utils/catalog-document';
import { shanghaiDate } from '@/utils/time';
import { checklistRows } from './rows';

export function useChecklist() {
  const route = useRoute();
  const router = useRouter();
  const system = useSystemStore();
  const kiosk = computed(() => route.meta.kiosk === true);
  const hotline = computed(() => system.info?.deployment.hotline ?? '');
  const serviceHours = computed(() => system.info?.deployment.service_hours ?? '');
  const deploymentName = computed(() => system.info?.deployment.name ?? '');

  const { code, loading, error, notFound, guide, load: loadGuide } = useGuideLoader((g) => {
    document.title = `${g.name} 申请材料清单 · 一窗`;
  });
  const printedOn = ref(shanghaiDate(new Date()));
  const rows = computed(() => (guide.value ? checklistRows(guide.value.document.materials) : []));
  const fee = computed(() => (guide.value ? feeText(guide.value.document.fee) : ''));
  const guideUrl = computed(() => `${window.location.origin}/guides/${encodeURIComponent(code.value)}`);

  // Opened from the kiosk's 打印材料清单: print once the sheet is on the
  // page, and drop ?print=1 so that coming back does not print again.
  async function printOnce() {
    await router.replace({ query: {} });
    await nextTick();
    window.setTimeout(print, 300);
  }

  function print() {
    printedOn.value = shanghaiDate(new Date());
    window.print();
  }

  function back() {
    const previous = (window.history.state as { back?: unknown } | null)?.back;
    const from = kiosk.value ? '/kiosk/guides' : '/guides';
    if (typeof previous === 'string' && previous.startsWith(from)) router.back();
    else void router.push({ name: kiosk.value ? 'kiosk-item' : 'guide', params: { code: code.value } });
  }

  function home() {
    void router.push({ name: 'kiosk' });
  }

  async function load() {
    await loadGuide();
    if (guide.value && route.query.print === '1') await printOnce();
  }

  watch(code, load, { immediate: true });
  return {
    code, kiosk, loading, error, notFound, guide, rows, fee, printedOn, guideUrl, hotline, serviceHours, deploymentName,
    load, print, back, home,
  };
}
