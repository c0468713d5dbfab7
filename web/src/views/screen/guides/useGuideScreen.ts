// The 办事指南 screen (大厅显示屏, issue 5, item 6): the hall's items one a
// slide (shared/useGuideCarousel), the clock and the hotline. It never shows
// an error; the footer says how fresh the data is.
import { computed, onBeforeUnmount, onMounted, ref } from 'vue';
import { useRoute } from 'vue-router';
import { useSystemStore } from '@/stores/system';
import { shanghaiClock } from '@/utils/time';
import { parseSite } from '../shared/carousel';
import { useGuideCarousel } from '../shared/useGuideCarousel';

export function useGuideScreen() {
  const route = useRoute();
  const system = useSystemStore();
  const site = computed(() => parseSite(route.query));
  const hotline = computed(() => system.info?.deployment.hotline ?? '');
  const deploymentName = computed(() => system.info?.deployment.name ?? '');
  const clock = ref(shanghaiClock(new Date()));

  const carousel = useGuideCarousel(site, {
    // The hotline, if the boot could not get it.
    onListed: () => { if (system.info === null) void system.load(); },
  });
  const updatedText = computed(() =>
    (carousel.updatedAt.value ? shanghaiClock(carousel.updatedAt.value).time.slice(0, 5) : ''));

  let tick: ReturnType<typeof setInterval> | null = null;
  onMounted(() => {
    document.documentElement.classList.add('yc-screen-mode');
    tick = setInterval(() => { clock.value = shanghaiClock(new Date()); }, 1000);
  });
  onBeforeUnmount(() => {
    document.documentElement.classList.remove('yc-screen-mode');
    if (tick !== null) clearInterval(tick);
  });

  const { items, listed, index, slide, current, detail, where, siteName, stale } = carousel;
  return {
    site, items, listed, index, slide, current, detail, where, siteName, hotline, deploymentName, clock,
    updatedText, stale,
  };
}
