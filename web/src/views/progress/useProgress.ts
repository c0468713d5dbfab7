// 办件进度 for citizens: by the token of the receipt's QR code, or by the
// case number and the applicant's full ID number / credit code. The ID
// number stays in memory only: it is never put in the address.
import { reactive, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { getProgressById, getProgressByToken, type Progress } from '@/api/cases';
import { ApiError, describeError } from '@/api/client';

export function useProgress() {
  const route = useRoute();
  const router = useRouter();
  const form = reactive({ caseNo: '', idNumber: '' });
  const progress = ref<Progress | null>(null);
  const loading = ref(false);
  const error = ref('');

  const param = () => (typeof route.params.caseNo === 'string' ? route.params.caseNo : '');
  const token = () => (typeof route.query.t === 'string' ? route.query.t : '');

  function explain(e: unknown): string {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
      return '没有查到这个办件。请核对办件编号(见受理回执)和申请人的证件号码。';
    }
    return describeError(e);
  }

  async function fetchWith(load: () => Promise<Progress>) {
    loading.value = true;
    error.value = '';
    try {
      progress.value = await load();
      document.title = `${progress.value.case_no} · 办件进度 · 一窗`;
    } catch (e) {
      progress.value = null;
      error.value = explain(e);
    } finally {
      loading.value = false;
    }
  }

  async function byToken() {
    const caseNo = param();
    const t = token();
    if (!caseNo || !t) return;
    await fetchWith(() => getProgressByToken(caseNo, t));
  }

  async function byId(idNumber: string) {
    const caseNo = form.caseNo.trim().toUpperCase();
    await fetchWith(() => getProgressById(caseNo, idNumber));
    if (progress.value) {
      form.idNumber = '';  // a shared device keeps no ID number
      if (param() !== caseNo) void router.replace({ name: 'progress', params: { caseNo } });
    }
  }

  // The retry of the error state: the same way as before.
  async function retry() {
    if (token() && param()) await byToken();
    else error.value = '';
  }

  function another() {
    progress.value = null;
    error.value = '';
    form.caseNo = '';
    form.idNumber = '';
    void router.replace({ name: 'progress', params: {} });
  }

  watch(() => [param(), token()] as const, ([caseNo, t]) => {
    if (!form.caseNo) form.caseNo = caseNo;
    if (caseNo && t) void byToken();
  }, { immediate: true });

  return { form, progress, loading, error, hasToken: () => token() !== '', byId, retry, another };
}
