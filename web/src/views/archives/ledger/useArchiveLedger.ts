// 档案台账: the files of the caller's streets (≤ 500, newest received first),
// searched by file number, masked name or a full ID number, by state, or only
// the overdue loans. The query stays in the address (?q=&state=&overdue=1).
import { computed, onMounted, reactive, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { describeError } from '@/api/client';
import { listFiles, STATE_LABELS, type ArchiveFile, type FileState } from '@/api/archives';
import { upsertById } from '@/utils/list';

function stateOf(v: unknown): FileState | '' {
  return typeof v === 'string' && v in STATE_LABELS ? (v as FileState) : '';
}

export function useArchiveLedger(enabled: () => boolean) {
  const route = useRoute();
  const router = useRouter();
  const filter = reactive({
    q: typeof route.query.q === 'string' ? route.query.q : '',
    state: stateOf(route.query.state),
    overdue: route.query.overdue === '1',
  });
  const items = ref<ArchiveFile[]>([]);
  const loading = ref(false);
  const error = ref('');
  let reads = 0;

  const overdueCount = computed(() => items.value.filter((f) => f.overdue).length);

  async function load() {
    if (!enabled()) return;
    const read = ++reads;
    loading.value = true;
    error.value = '';
    try {
      const answer = (await listFiles({ q: filter.q.trim(), state: filter.state, overdue: filter.overdue })).items;
      if (read === reads) items.value = answer;
    } catch (e) {
      if (read === reads) error.value = describeError(e);
    } finally {
      if (read === reads) loading.value = false;
    }
  }

  function search() {
    void router.replace({
      query: {
        ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
        ...(filter.state ? { state: filter.state } : {}),
        ...(filter.overdue ? { overdue: '1' } : {}),
      },
    });
    void load();
  }

  // A step taken in the drawer: the card changes in place.
  const replace = (f: ArchiveFile) => upsertById(items.value, f);

  onMounted(load);
  return { filter, items, overdueCount, loading, error, load, search, replace };
}
