// One catalog item for editors: its versions, the selected version (?v=ID
// in the address), the draft being edited and the moves of the review
// workflow (docs/api/catalog.md).
import { computed, onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { onBeforeRouteLeave, useRoute, useRouter } from 'vue-router';
import {
  createDraft, getVersion, listItemVersions, rejectVersion, restoreItem, saveVersion, submitVersion, withdrawItem,
  type Full, type ItemDocument, type Summary,
} from '@/api/catalog';
import { describeError } from '@/api/client';
import { useSystemStore } from '@/stores/system';
import { emptyDocument, normalizeDocument, prepareForSave, sameDocument } from '@/utils/catalog-document';
import { confirmAction, toastSuccess } from '@/utils/feedback';
import { actionError, canStartDraft, publishedStates, type ActionError } from './versions';
import { shanghaiDate } from '@/utils/time';

type Busy = '' | 'save' | 'submit' | 'draft' | 'restore';

export function useCatalogItem() {
  const route = useRoute();
  const router = useRouter();
  const system = useSystemStore();
  const code = computed(() => String(route.params.code ?? ''));
  const requestedId = computed(() => {
    const v = Number(Array.isArray(route.query.v) ? route.query.v[0] : route.query.v);
    return Number.isInteger(v) && v > 0 ? v : null;
  });

  const versions = ref<Summary[]>([]);
  const loading = ref(true);       // the versions list, the first time
  const error = ref('');
  const current = ref<Full | null>(null);
  const versionLoading = ref(false);
  const versionError = ref('');

  const form = ref<ItemDocument>(emptyDocument());  // the draft being edited
  const saved = ref<ItemDocument>(emptyDocument());  // as last loaded or saved
  const busy = ref<Busy>('');
  const problem = ref<ActionError | null>(null);
  const approving = ref(false);
  const rejecting = ref(false);
  const withdrawing = ref(false);

  const status = computed(() => current.value?.version.status ?? null);
  const isDraft = computed(() => status.value === 'draft');
  const dirty = computed(() => isDraft.value && !sameDocument(form.value, saved.value));
  const findings = computed(() => current.value?.findings ?? []);
  const newest = computed(() => versions.value[0] ?? null);
  const withdrawn = computed(() => newest.value?.withdrawn ?? current.value?.version.withdrawn ?? false);
  const draftAllowed = computed(() => canStartDraft(versions.value));
  const states = computed(() => publishedStates(versions.value, Date.now()));
  const inForce = computed(() => [...states.value.values()].includes('current'));
  const today = computed(() => system.info?.local_date || shanghaiDate(new Date()));
  const title = computed(() => current.value?.document.name || newest.value?.name || code.value);

  function show(full: Full) {
    current.value = full;
    const doc = normalizeDocument(full.document);
    saved.value = doc;
    form.value = normalizeDocument(doc);
  }

  async function loadVersions(): Promise<boolean> {
    error.value = '';
    try {
      versions.value = (await listItemVersions(code.value)).items;
      if (versions.value.length === 0) error.value = `服务事项 ${code.value} 不存在`;
      return versions.value.length > 0;
    } catch (e) {
      error.value = describeError(e);
      return false;
    } finally {
      loading.value = false;
    }
  }

  async function loadVersion(id: number) {
    versionLoading.value = current.value?.version.id !== id;  // a reload keeps the page on screen
    versionError.value = '';
    try {
      show(await getVersion(id));
    } catch (e) {
      versionError.value = describeError(e);
    } finally {
      versionLoading.value = false;
    }
  }

  // The version the address asks for, else the newest.
  async function load() {
    problem.value = null;
    if (!(await loadVersions())) return;
    const wanted = requestedId.value;
    const id = wanted !== null && versions.value.some((v) => v.id === wanted) ? wanted : newest.value!.id;
    await loadVersion(id);
  }

  async function confirmDiscard(): Promise<boolean> {
    if (!dirty.value) return true;
    return confirmAction('当前草稿有未保存的修改,离开后将丢失。确定离开吗?', '放弃修改', '放弃修改');
  }

  async function select(id: number) {
    if (id === current.value?.version.id) return;
    if (!(await confirmDiscard())) return;
    await router.replace({ query: { ...route.query, v: String(id) } });
  }

  // --- Draft ----------------------------------------------------------------------

  async function saveDraft(): Promise<boolean> {
    const v = current.value;
    if (!v || !isDraft.value) return false;
    problem.value = null;
    busy.value = 'save';
    try {
      await saveVersion(v.version.id, prepareForSave(form.value), v.version.row_version);
      show(await getVersion(v.version.id));  // with the checker's findings
      void loadVersions();
      return true;
    } catch (e) {
      problem.value = actionError(e);
      return false;
    } finally {
      busy.value = '';
    }
  }

  async function save() {
    if (await saveDraft()) {
      toastSuccess(findings.value.length === 0 ? '已保存,合规检查全部通过' : `已保存,还有 ${findings.value.length} 处待完善`);
    }
  }

  async function submit() {
    if (dirty.value && !(await saveDraft())) return;
    const v = current.value;
    if (!v) return;
    problem.value = null;
    busy.value = 'submit';
    try {
      show(await submitVersion(v.version.id, v.version.row_version));
      await loadVersions();
      toastSuccess('已提交审核,请由另一人审核发布');
    } catch (e) {
      problem.value = actionError(e);  // 422: the checker still finds something
      await loadVersion(v.version.id);
    } finally {
      busy.value = '';
    }
  }

  function discard() {
    form.value = normalizeDocument(saved.value);
  }

  // --- Review ---------------------------------------------------------------------

  async function onApproved(full: Full) {
    show(full);
    await loadVersions();
    toastSuccess(`第 ${full.version.number} 版已审核通过并发布`);
  }

  const reject = async (note: string) => {
    const v = current.value!;
    show(await rejectVersion(v.version.id, v.version.row_version, note));
  };

  async function onRejected() {
    await loadVersions();
    await loadVersion(current.value!.version.id);
    toastSuccess('已退回修改');
  }

  // --- Published ------------------------------------------------------------------------

  async function newDraft() {
    problem.value = null;
    busy.value = 'draft';
    try {
      const draft = await createDraft(code.value);
      await loadVersions();
      await loadVersion(draft.version.id);  // with the checker's findings
      await router.replace({ query: { ...route.query, v: String(draft.version.id) } });
      toastSuccess(`已新建第 ${draft.version.number} 版草稿`);
    } catch (e) {
      problem.value = actionError(e);  // 409: a draft is already open
    } finally {
      busy.value = '';
    }
  }

  const withdraw = (reason: string) => withdrawItem(code.value, reason);

  async function onWithdrawn() {
    await loadVersions();
    toastSuccess('事项已停办,办事指南不再展示');
  }

  async function restore() {
    if (!(await confirmAction('恢复后,该事项的现行版本将重新在办事指南和各渠道展示。', '恢复办理', '恢复'))) return;
    problem.value = null;
    busy.value = 'restore';
    try {
      await restoreItem(code.value);
      await loadVersions();
      toastSuccess('事项已恢复办理');
    } catch (e) {
      problem.value = actionError(e);
    } finally {
      busy.value = '';
    }
  }

  // --- Navigation --------------------------------------------------------------------------

  watch(code, () => {
    if (!code.value) return;  // leaving the page
    current.value = null;
    loading.value = true;
    void load();
  }, { immediate: true });
  watch(requestedId, (id) => {
    if (id !== null && id !== current.value?.version.id && versions.value.some((v) => v.id === id)) {
      problem.value = null;
      void loadVersion(id);
    }
  });

  onBeforeRouteLeave(confirmDiscard);
  const beforeUnload = (e: BeforeUnloadEvent) => {
    if (dirty.value) e.preventDefault();
  };
  onMounted(() => window.addEventListener('beforeunload', beforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload));

  return {
    code, versions, loading, error, current, versionLoading, versionError, form, busy, problem, approving,
    rejecting, withdrawing, status, isDraft, dirty, findings, newest, withdrawn, draftAllowed, states, inForce,
    today, title, load, loadVersion, select, save, submit, discard, onApproved, reject, onRejected, newDraft,
    withdraw, onWithdrawn, restore,
  };
}
