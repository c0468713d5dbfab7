// 办件进度 for citizens (/progress): by the token of the receipt's QR code,
// or by the case number and the applicant's full ID number / credit code.
// The look-up itself is useProgressLookup (shared with the kiosk); this page
// adds its address. The ID number stays in memory only: it is never put in
// the address; what proved the case (token or ID number) is kept beside the
// progress for rating it (ProgressRating), and dropped with it.
import { reactive, ref, watch } from 'vue';
import type { CaseProof } from '@/api/evaluation';
import { useRoute, useRouter } from 'vue-router';
import { useProgressLookup } from './useProgressLookup';

export function useProgress() {
  const route = useRoute();
  const router = useRouter();
  const form = reactive({ caseNo: '', idNumber: '' });
  const lookup = useProgressLookup();
  const { progress, loading, error } = lookup;
  const proof = ref<CaseProof | null>(null);

  const param = () => (typeof route.params.caseNo === 'string' ? route.params.caseNo : '');
  const token = () => (typeof route.query.t === 'string' ? route.query.t : '');

  function titled(found: boolean) {
    if (found && progress.value) document.title = `${progress.value.case_no} · 办件进度 · 一窗`;
  }

  async function byToken() {
    const caseNo = param();
    const t = token();
    if (!caseNo || !t) return;
    const found = await lookup.byToken(caseNo, t);
    proof.value = found ? { t } : null;
    titled(found);
  }

  async function byId(idNumber: string) {
    const caseNo = form.caseNo.trim().toUpperCase();
    const found = await lookup.byId(caseNo, idNumber);
    proof.value = found ? { id_number: idNumber } : null;
    titled(found);
    if (found) {
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
    lookup.reset();
    proof.value = null;
    form.caseNo = '';
    form.idNumber = '';
    void router.replace({ name: 'progress', params: {} });
  }

  watch(() => [param(), token()] as const, ([caseNo, t]) => {
    if (!form.caseNo) form.caseNo = caseNo;
    if (caseNo && t) void byToken();
  }, { immediate: true });

  return { form, progress, loading, error, proof, hasToken: () => token() !== '', byId, retry, another };
}
