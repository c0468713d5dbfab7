// The sites page's state: the halls and points of GET /api/public/sites
// with today's queue, the district filter (in the address, ?district=CODE)
// and the order: by distance once the person shares a position (asked only
// when they press the button), else by district.
import { computed, onBeforeUnmount, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { describeError } from '@/api/client';
import { listSites } from '../../api';
import { districtsOf, locateFailureText, sortSites, type Position, type PortalSite } from '../../sites';

export type LocateState = 'idle' | 'asking' | 'located' | 'failed';

// Whether this page may ask for the position at all: the browser has
// geolocation and the document's Permissions-Policy allows it (Chromium tells;
// asking where it is blocked only logs a violation).
function geolocationAllowed(): boolean {
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return false;
  const policy = (document as { featurePolicy?: { allowsFeature(feature: string): boolean } }).featurePolicy;
  return policy ? policy.allowsFeature('geolocation') : true;
}

export function useSites() {
  const route = useRoute();
  const router = useRouter();
  const sites = ref<PortalSite[]>([]);
  const loading = ref(true);
  const error = ref('');
  const here = ref<Position | null>(null);
  const locate = ref<LocateState>('idle');
  const locateError = ref('');
  const canLocate = geolocationAllowed();
  let controller: AbortController | null = null;

  const districts = computed(() => districtsOf(sites.value));
  // The chosen district, when the list has it (an old or mistyped address shows all).
  const district = computed(() => {
    const q = route.query.district;
    const code = typeof q === 'string' ? q : '';
    return districts.value.some((d) => d.code === code) ? code : '';
  });
  const shown = computed(() => (district.value ? sites.value.filter((s) => s.district_code === district.value) : sites.value));
  const placed = computed(() => sortSites(shown.value, here.value));
  const withoutPosition = computed(() => here.value !== null && placed.value.length > 0 && placed.value.every((p) => p.km === null));

  async function load() {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    error.value = '';
    try {
      sites.value = await listSites(mine.signal);
    } catch (e) {
      if (mine.signal.aborted) return;
      error.value = describeError(e);
    } finally {
      if (!mine.signal.aborted) loading.value = false;
    }
  }

  function setDistrict(code: string) {
    const query = { ...route.query };
    if (code) query.district = code;
    else delete query.district;
    void router.replace({ query });
  }

  function useMyPosition() {
    if (!canLocate) return;
    locate.value = 'asking';
    locateError.value = '';
    navigator.geolocation.getCurrentPosition(
      (p) => {
        here.value = { longitude: p.coords.longitude, latitude: p.coords.latitude };
        locate.value = 'located';
      },
      (e) => {
        locateError.value = locateFailureText(e.code);
        locate.value = 'failed';
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
    );
  }

  void load();
  onBeforeUnmount(() => controller?.abort());
  return {
    placed, loading, error, districts, district, locate, locateError, canLocate, withoutPosition, load, setDistrict,
    useMyPosition,
  };
}
