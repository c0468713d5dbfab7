import { computed, onMounted, reactive, ref } from 'vue';
import { useRouter } from 'vue-router';
import { listCatalogItems, type Category, type Full, type ServiceLevel, type Summary } from '@/api/catalog';
import { describeError } from '@/api/client';
import { useSessionStore } from '@/stores/session';
import { toastSuccess } from '@/utils/feedback';

export function useCatalogItems() {
  const router = useRouter();
  const filter = reactive<{ q: string; category: Category | ''; level: ServiceLevel | '' }>({
    q: '', category: '', level: '',
  });
  const loading = ref(true);
  const error = ref('');
  const items = ref<Summary[]>([]);
  const creating = ref(false);
  const importing = ref(false);
  // The page needs catalog.manage already; the server also wants it at the
  // city unit for writes, and says so (403) in the dialog otherwise.
  const session = useSessionStore();
  const canImport = computed(() => session.hasPermission('catalog.manage'));

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      items.value = (await listCatalogItems({ q: filter.q.trim(), category: filter.category, level: filter.level })).items;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  function reset() {
    Object.assign(filter, { q: '', category: '', level: '' });
    void load();
  }

  async function onCreated(item: Full) {
    toastSuccess(`已新建事项“${item.name}”,请补全十二个统一要素`);
    await router.push({ name: 'catalog-item', params: { code: item.code } });
  }

  onMounted(load);
  return { filter, loading, error, items, creating, importing, canImport, load, reset, onCreated };
}
