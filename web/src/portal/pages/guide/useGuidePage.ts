// A guide page's state: the item in force (GET /api/catalog/items/:code),
// where it is handled (its offers) and the printable one-time notice.
import { computed, ref, watch } from 'vue';
import { getGuideOffers, guidePdfUrl, type Offer } from '@/api/catalog';
import { useGuideLoader } from '@/composables/useGuideLoader';
import { normalizeDocument } from '@/utils/catalog-document';
import { offeredOnline } from '../../apply';
import { setTitle } from '../../title';

export function useGuidePage() {
  const offers = ref<Offer[]>([]);
  const offersFailed = ref(false);
  const { code, loading, error, notFound, guide, load } = useGuideLoader(async (g) => {
    setTitle(g.name);
    // Where to go helps but is not the guide: a failure only says so there.
    offersFailed.value = false;
    offers.value = await getGuideOffers(g.code).then((r) => r.items, () => {
      offersFailed.value = true;
      return [];
    });
  });
  const doc = computed(() => (guide.value ? normalizeDocument(guide.value.document) : null));
  const pdfUrl = computed(() => guidePdfUrl(code.value));
  // 网上办 (issue 11 item 3): the item's channels name 网上 or 掌上.
  const online = computed(() => (doc.value ? offeredOnline(doc.value.channels) : false));

  watch(code, load, { immediate: true });
  return { code, loading, error, notFound, guide, doc, offers, offersFailed, pdfUrl, online, load };
}
