import { computed, onMounted, ref } from 'vue';
import { useRouter } from 'vue-router';
import { describeError } from '@/api/client';
import { listSites, type Site } from '@/api/org';
import { useUnits } from '@/composables/useUnits';
import { useSessionStore } from '@/stores/session';
import { toastSuccess } from '@/utils/feedback';

export function useSites() {
  const session = useSessionStore();
  const router = useRouter();
  const { units } = useUnits();
  const canWrite = computed(() => session.hasPermission('org.write'));
  const unit = ref('');
  const loading = ref(true);
  const error = ref('');
  const sites = ref<Site[]>([]);
  const creating = ref(false);

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      sites.value = (await listSites(unit.value)).items;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  async function onCreated(site: Site) {
    toastSuccess(`已新增"${site.name}"`);
    await router.push(`/org/sites/${site.id}`);
  }

  onMounted(load);
  return { units, canWrite, unit, loading, error, sites, creating, load, onCreated };
}
