// The site a hall page shows, kept in the address (?site=ID) so a reload or
// a shared link keeps it, and remembered in this browser for next time.
import { onMounted, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { describeError } from '@/api/client';
import { listSites, type Site } from '@/api/org';
import { pickSite, siteParam } from './site-choice';

const KEY = 'yichuang.hall.site';

function savedSite(): number | null {
  try {
    return siteParam(localStorage.getItem(KEY) ?? '');
  } catch {
    return null;
  }
}

function saveSite(id: number) {
  try {
    localStorage.setItem(KEY, String(id));
  } catch {
    // Private browsing may refuse storage; the address still holds the site.
  }
}

export function useHallSite() {
  const route = useRoute();
  const router = useRouter();
  const sites = ref<Site[]>([]);
  const siteId = ref<number | null>(null);
  const loading = ref(true);
  const error = ref('');

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      sites.value = (await listSites()).items;
      siteId.value = pickSite(sites.value, [siteParam(route.query.site), siteId.value, savedSite()]);
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  watch(siteId, (id) => {
    if (id === null) return;
    saveSite(id);
    if (siteParam(route.query.site) !== id) void router.replace({ query: { ...route.query, site: String(id) } });
  });

  onMounted(load);
  return { sites, siteId, loading, error, load };
}
