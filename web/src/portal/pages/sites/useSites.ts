// The sites page's state: the halls and points, today's board of each (read
// after the list shows, six at a time), and the order: by distance once the
// person shares a position (asked only when they press the button), else by
// district.
import { computed, reactive, ref } from 'vue';
import { describeError } from '@/api/client';
import { getHallBoard } from '@/api/screen';
import { listSites, mapLimited } from '../../api';
import { queueSummary, sortSites, type Position, type PortalSite, type QueueSummary } from '../../sites';

export type BoardState = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ok'; summary: QueueSummary; remote: boolean };
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
  const sites = ref<PortalSite[]>([]);
  const loading = ref(true);
  const error = ref('');
  const boards = reactive(new Map<number, BoardState>());
  const here = ref<Position | null>(null);
  const locate = ref<LocateState>('idle');
  const canLocate = geolocationAllowed();

  const placed = computed(() => sortSites(sites.value, here.value));
  const withoutPosition = computed(() => here.value !== null && placed.value.every((p) => p.km === null));

  async function loadBoards(list: PortalSite[]) {
    for (const s of list) boards.set(s.id, { kind: 'loading' });
    await mapLimited(list, 6, async (s) => {
      try {
        const b = await getHallBoard(s.id);
        boards.set(s.id, { kind: 'ok', summary: queueSummary(b), remote: b.remote_tickets && b.groups.length > 0 });
      } catch {
        boards.set(s.id, { kind: 'failed' });
      }
    });
  }

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      sites.value = await listSites();
    } catch (e) {
      error.value = describeError(e);
      return;
    } finally {
      loading.value = false;
    }
    void loadBoards(sites.value);
  }

  function useMyPosition() {
    if (!canLocate) return;
    locate.value = 'asking';
    navigator.geolocation.getCurrentPosition(
      (p) => {
        here.value = { longitude: p.coords.longitude, latitude: p.coords.latitude };
        locate.value = 'located';
      },
      () => { locate.value = 'failed'; },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 },
    );
  }

  void load();
  return { placed, loading, error, boards, locate, canLocate, withoutPosition, load, useMyPosition };
}
