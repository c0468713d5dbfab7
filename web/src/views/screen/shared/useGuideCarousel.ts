// The 办事指南 carousel of the hall's screens (issue 5, item 6; the hall
// screen of issue 7 shows it too): the items offered at one hall, one a
// slide, for hours on end with nobody to press 重试. So it never shows an
// error: a failed request keeps the last good data and is tried again later.
import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue';
import { getGuide, getGuideOffers, listGuides, type Card, type Full, type Offer } from '@/api/catalog';
import { LIST_REFRESH_MS, SLIDE_MS, keepPosition, nextIndex, offersAt, retryDelay } from './carousel';

const WARM_GAP_MS = 500;

export interface GuideDetail {
  guide: Full;
  offers: Offer[];
  at: number;  // when fetched (ms)
}

export interface GuideCarouselOptions {
  slideMs?: number;
  // Told after every list that arrived, e.g. to load what else the page needs.
  onListed?: () => void;
}

export function useGuideCarousel(site: Ref<number | null>, options: GuideCarouselOptions = {}) {
  const slideMs = options.slideMs ?? SLIDE_MS;
  const items = ref<Card[]>([]);
  const listed = ref(false);          // a list has arrived at least once
  const index = ref(0);
  const slide = ref(0);               // counts slides shown: restarts the progress bar
  const details = shallowRef<Record<string, GuideDetail>>({});
  const updatedAt = ref<Date | null>(null);
  const stale = ref(false);           // the last attempt failed: showing older data

  const current = computed<Card | null>(() => items.value[index.value] ?? null);
  const detail = computed<GuideDetail | null>(() => (current.value ? details.value[current.value.code] ?? null : null));
  const where = computed(() => (detail.value ? offersAt(detail.value.offers, site.value) : []));
  // The hall's name, from any offer at it that has been fetched.
  const siteName = computed(() => {
    if (site.value === null) return '';
    for (const d of Object.values(details.value)) {
      const o = d.offers.find((x) => x.site_id === site.value && x.site_name);
      if (o) return o.site_name;
    }
    return '';
  });

  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const timers: ReturnType<typeof setInterval>[] = [];
  const fetching = new Set<string>();

  async function fetchDetail(code: string) {
    const known = details.value[code];
    if ((known && Date.now() - known.at < LIST_REFRESH_MS) || fetching.has(code)) return;
    fetching.add(code);
    try {
      const [guide, offers] = await Promise.all([
        getGuide(code),
        getGuideOffers(code).then((r) => r.items),
      ]);
      details.value = { ...details.value, [code]: { guide, offers, at: Date.now() } };
    } catch {
      // Keep what was shown before; this slide's next turn tries again.
      stale.value = true;
    } finally {
      fetching.delete(code);
    }
  }

  // The slide showing and the next one, so the next is ready when it comes.
  function prefetch() {
    const n = items.value.length;
    if (n === 0) return;
    for (const i of new Set([index.value, nextIndex(index.value, n)])) {
      const card = items.value[i];
      if (card) void fetchDetail(card.code);
    }
  }

  async function refreshList() {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    try {
      const next = (await listGuides({ site: site.value })).items;
      const codes = new Set(next.map((c) => c.code));
      index.value = keepPosition(items.value.map((c) => c.code), index.value, next.map((c) => c.code));
      items.value = next;
      details.value = Object.fromEntries(Object.entries(details.value).filter(([code]) => codes.has(code)));
      listed.value = true;
      updatedAt.value = new Date();
      stale.value = false;
      failures = 0;
      options.onListed?.();
      prefetch();
      void warm();
    } catch {
      // Keep the last good list and try again soon, then less and less often.
      stale.value = true;
      failures += 1;
      retryTimer = setTimeout(() => void refreshList(), retryDelay(failures));
    }
  }

  // After a list arrives, fetch every item's details one after another, so
  // that the slides stay complete if the network goes away later.
  let warming = 0;
  async function warm() {
    const run = ++warming;
    for (const card of [...items.value]) {
      if (run !== warming) return;  // a newer list took over
      if (!details.value[card.code]) {
        await fetchDetail(card.code);
        await new Promise((resolve) => setTimeout(resolve, WARM_GAP_MS));
      }
    }
  }

  function advance() {
    const n = items.value.length;
    if (n === 0) return;
    let next = nextIndex(index.value, n);
    // Offline, skip the items whose details never arrived.
    if (stale.value) {
      for (let i = 0; i < n && !details.value[items.value[next]?.code ?? '']; i++) next = nextIndex(next, n);
      if (!details.value[items.value[next]?.code ?? '']) next = nextIndex(index.value, n);
    }
    index.value = next;
    slide.value += 1;
    prefetch();
  }

  watch(site, () => {
    items.value = [];
    details.value = {};
    index.value = 0;
    void refreshList();
  });

  onMounted(() => {
    void refreshList();
    timers.push(setInterval(advance, slideMs));
    timers.push(setInterval(() => void refreshList(), LIST_REFRESH_MS));
  });

  onBeforeUnmount(() => {
    warming += 1;  // stops the warm-up loop
    for (const t of timers) clearInterval(t);
    if (retryTimer !== null) clearTimeout(retryTimer);
  });

  return { items, listed, index, slide, current, detail, where, siteName, updatedAt, stale, slideMs };
}
