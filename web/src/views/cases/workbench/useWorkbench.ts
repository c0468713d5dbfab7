// The case on the clerk's desk: opened by 开始受理 or by its number, kept
// in the address (?case=ID) so a reload keeps it, and updated by each
// judgement, upload and action.
import { onMounted, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { getCase, listCases, type Case, type Detail, type FileMeta, type Material } from '@/api/cases';
import { describeError } from '@/api/client';

export function useWorkbench() {
  const route = useRoute();
  const router = useRouter();
  const current = ref<Detail | null>(null);
  const caseId = ref<number | null>(null);
  const loading = ref(false);
  const error = ref('');
  const refreshError = ref('');
  // Reads of the case answer out of order; only the newest one is applied.
  let reads = 0;

  const lookupQ = ref('');
  const lookupResults = ref<Case[]>([]);
  const lookupOpen = ref(false);
  const lookupBusy = ref(false);
  const lookupError = ref('');

  function remember(id: number | null) {
    const query = id === null ? {} : { case: String(id) };
    void router.replace({ query });
  }

  async function openById(id: number) {
    const read = ++reads;
    caseId.value = id;
    loading.value = true;
    error.value = '';
    refreshError.value = '';
    try {
      const detail = await getCase(id);
      if (read !== reads) return;
      current.value = detail;
      remember(id);
    } catch (e) {
      if (read !== reads) return;
      current.value = null;
      error.value = describeError(e);
    } finally {
      if (read === reads) loading.value = false;
    }
  }

  // A judgement or an upload changes one row at once, and adds to the
  // timeline (办理过程) on the server: the whole case is read again, quietly,
  // so its events (and their count) follow. A failure keeps what is shown.
  async function refresh() {
    const id = caseId.value;
    if (id === null) return;
    const read = ++reads;
    try {
      const detail = await getCase(id);
      if (read !== reads || caseId.value !== id) return;
      current.value = detail;
      refreshError.value = '';
    } catch (e) {
      if (read === reads && caseId.value === id) refreshError.value = describeError(e);
    }
  }

  const reload = () => (caseId.value === null ? Promise.resolve() : openById(caseId.value));

  function show(detail: Detail) {
    reads++;  // an answer in flight is older than this one
    loading.value = false;
    refreshError.value = '';
    current.value = detail;
    caseId.value = detail.id;
    error.value = '';
    remember(detail.id);
  }

  function onChanged(detail: Detail | null) {
    if (detail) show(detail);
    else void reload();
  }

  function onJudged(m: Material) {
    const c = current.value;
    if (!c) return;
    c.materials = c.materials.map((x) => (x.idx === m.idx ? m : x));
    void refresh();
  }

  function onAttached(f: FileMeta) {
    const c = current.value;
    if (!c) return;
    c.files = [...c.files, f];
    if (f.material_idx !== null) {
      c.materials = c.materials.map((x) => (x.idx === f.material_idx ? { ...x, files: x.files + 1 } : x));
    }
    void refresh();
  }

  // Ready for the next person.
  function next() {
    reads++;
    loading.value = false;
    refreshError.value = '';
    current.value = null;
    caseId.value = null;
    error.value = '';
    remember(null);
  }

  // 调取办件: a case number (or its start), or the applicant's full ID
  // number / credit code; one match opens at once, several are listed.
  async function lookup() {
    const q = lookupQ.value.trim().toUpperCase();
    if (!q) return;
    lookupBusy.value = true;
    lookupError.value = '';
    try {
      const items = (await listCases({ q, limit: 20 })).items;
      if (items.length === 1 && items[0]) {
        lookupQ.value = '';
        await openById(items[0].id);
      } else {
        lookupResults.value = items;
        lookupOpen.value = true;
      }
    } catch (e) {
      lookupError.value = describeError(e);
    } finally {
      lookupBusy.value = false;
    }
  }

  async function pick(c: Case) {
    lookupOpen.value = false;
    lookupQ.value = '';
    await openById(c.id);
  }

  onMounted(() => {
    const id = Number(route.query.case);
    if (Number.isInteger(id) && id > 0) void openById(id);
  });

  return {
    current, caseId, loading, error, refreshError, lookupQ, lookupResults, lookupOpen, lookupBusy, lookupError,
    openById, reload, refresh, show, onChanged, onJudged, onAttached, next, lookup, pick,
  };
}
