// Looking a case's progress up, without the page around it: by the token of
// the receipt's QR code, or by the case number and the applicant's full ID
// number / credit code. Shared by the public page (/progress) and the kiosk
// (/kiosk/progress); each keeps its own address and keyboard. The ID number
// is a parameter only: nothing here keeps it.
import { ref } from 'vue';
import { getProgressById, getProgressByToken, type Progress } from '@/api/cases';
import { ApiError, describeError } from '@/api/client';

export const PROGRESS_NOT_FOUND = '没有查到这个办件。请核对办件编号(见受理回执)和申请人的证件号码。';

// 404 and 403 read the same, so nobody learns which half was wrong.
export function explainProgressError(e: unknown): string {
  if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return PROGRESS_NOT_FOUND;
  return describeError(e);
}

export function useProgressLookup() {
  const progress = ref<Progress | null>(null);
  const loading = ref(false);
  const error = ref('');

  // true when a progress came back.
  async function run(load: () => Promise<Progress>): Promise<boolean> {
    loading.value = true;
    error.value = '';
    try {
      progress.value = await load();
      return true;
    } catch (e) {
      progress.value = null;
      error.value = explainProgressError(e);
      return false;
    } finally {
      loading.value = false;
    }
  }

  const byToken = (caseNo: string, token: string) => run(() => getProgressByToken(caseNo, token));
  const byId = (caseNo: string, idNumber: string) => run(() => getProgressById(caseNo, idNumber));

  function reset() {
    progress.value = null;
    error.value = '';
  }

  return { progress, loading, error, byToken, byId, reset };
}
