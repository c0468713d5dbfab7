import { computed, onMounted, reactive, ref } from 'vue';
import { auditExportUrl, listAudit, verifyAudit, type AuditEntry, type AuditFilter, type VerifyResult } from '@/api/audit';
import { describeError } from '@/api/client';
import { emptyAuditFilter, toAuditFilter } from './filter';

const PAGE_SIZE = 50;

export function useAuditLog() {
  const form = reactive(emptyAuditFilter());
  // The filter behind the rows on screen: "加载更多" and the export use it,
  // not what has been typed into the form since.
  const applied = ref<AuditFilter>(toAuditFilter(form));
  const loading = ref(true);
  const error = ref('');
  const entries = ref<AuditEntry[]>([]);
  const nextBeforeSeq = ref<number | null>(null);
  const loadingMore = ref(false);
  const moreError = ref('');
  const exportUrl = computed(() => auditExportUrl(applied.value));

  const verifying = ref(false);
  const verifyResult = ref<VerifyResult | null>(null);
  const verifyError = ref('');

  async function search() {
    applied.value = toAuditFilter(form);
    loading.value = true;
    error.value = '';
    moreError.value = '';
    try {
      const page = await listAudit(applied.value, { limit: PAGE_SIZE });
      entries.value = page.items;
      nextBeforeSeq.value = page.next_before_seq;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  function reset() {
    Object.assign(form, emptyAuditFilter());
    void search();
  }

  async function more() {
    if (nextBeforeSeq.value === null) return;
    loadingMore.value = true;
    moreError.value = '';
    try {
      const page = await listAudit(applied.value, { before_seq: nextBeforeSeq.value, limit: PAGE_SIZE });
      entries.value = [...entries.value, ...page.items];
      nextBeforeSeq.value = page.next_before_seq;
    } catch (e) {
      moreError.value = describeError(e);
    } finally {
      loadingMore.value = false;
    }
  }

  async function verify() {
    verifying.value = true;
    verifyError.value = '';
    verifyResult.value = null;
    try {
      verifyResult.value = await verifyAudit();
    } catch (e) {
      verifyError.value = describeError(e);
    } finally {
      verifying.value = false;
    }
  }

  onMounted(search);
  return {
    form, loading, error, entries, nextBeforeSeq, loadingMore, moreError, exportUrl,
    verifying, verifyResult, verifyError, search, reset, more, verify,
  };
}
