// Where the clerk sits: the site (hall) and window, kept in this browser,
// since a window's computer stays at its window; and the ticket number of
// the person served now (set by the hall's call panel, or typed at a window
// outside the queue).
import { onMounted, ref, watch } from 'vue';
import { describeError } from '@/api/client';
import { getSite, listSites, type ServiceWindow, type Site } from '@/api/org';

const KEY = 'yichuang.workbench.desk';

interface SavedDesk {
  siteId: number | null;
  windowNumber: number | null;
}

function readDesk(): SavedDesk {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<SavedDesk>;
    return {
      siteId: typeof raw.siteId === 'number' ? raw.siteId : null,
      windowNumber: typeof raw.windowNumber === 'number' ? raw.windowNumber : null,
    };
  } catch {
    return { siteId: null, windowNumber: null };
  }
}

function writeDesk(desk: SavedDesk) {
  try {
    localStorage.setItem(KEY, JSON.stringify(desk));
  } catch {
    // Private browsing may refuse storage; the choice holds for this page.
  }
}

export function useDesk() {
  const saved = readDesk();
  const sites = ref<Site[]>([]);
  const windows = ref<ServiceWindow[]>([]);
  const siteId = ref<number | null>(saved.siteId);
  const windowNumber = ref<number | null>(saved.windowNumber);
  const ticket = ref('');
  const loading = ref(false);
  const error = ref('');

  async function loadSites() {
    loading.value = true;
    error.value = '';
    try {
      sites.value = (await listSites()).items;
      if (!sites.value.some((s) => s.id === siteId.value)) siteId.value = sites.value[0]?.id ?? null;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  // The site's windows, paused ones too (暂停服务 is a state of the day the
  // clerk resumes from the call panel); a failure leaves the number typed by hand.
  async function loadWindows(id: number | null) {
    windows.value = [];
    if (id === null) return;
    try {
      windows.value = (await getSite(id)).windows.slice().sort((a, b) => a.number - b.number);
    } catch {
      windows.value = [];
    }
  }

  watch(siteId, (id) => {
    windowNumber.value = null;
    void loadWindows(id);
  });
  watch([siteId, windowNumber], () => writeDesk({ siteId: siteId.value, windowNumber: windowNumber.value }));

  onMounted(async () => {
    const before = siteId.value;
    await loadSites();
    if (siteId.value === before) await loadWindows(before);  // else the watcher loads them
  });

  return { sites, windows, siteId, windowNumber, ticket, loading, error, loadSites };
}
