// 办件详情 (/portal/me/cases/:caseNo): the signed-in applicant's case
// (GET /api/citizen/cases/:case_no; nobody signed in → the login page,
// coming back here), and 补正 when the case waits for them: new files per
// material and a note (POST .../correction), after which the answer is the
// case as it now stands.
import { computed, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError, describeError } from '@/api/client';
import { getMyCase, submitCorrection, type CitizenCaseDetail } from '../../api';
import { focusIdOf } from '../../apply';
import {
  CORRECTION_FORM, correctionFieldOf, correctionSlots, newestFirst, progressToken, ratingOpen, stagesOf,
  validateCorrection,
} from '../../case';
import { refreshSession, useCitizenSession } from '../../session';
import { setTitle } from '../../title';
import { DEFAULT_TYPES } from '../../upload';
import { useMaterialUploads } from '../../useMaterialUploads';
import { focusById, usePageSession } from '../../usePageSession';

// The server's upload limit (the apply form says it; the case does not).
const UPLOAD_LIMITS = { max_bytes: 4 * 1024 * 1024, types: [...DEFAULT_TYPES] };

export function useCasePage() {
  const route = useRoute();
  const { csrfToken } = useCitizenSession();
  const caseNo = computed(() => String(route.params.caseNo ?? ''));
  const detail = ref<CitizenCaseDetail | null>(null);
  const loading = ref(true);
  const error = ref('');
  const notFound = ref(false);
  const justSubmitted = computed(() => route.query.submitted === '1');

  const { toLogin, sessionLost } = usePageSession(`/portal${route.path}`);

  async function load() {
    loading.value = true;
    error.value = '';
    notFound.value = false;
    try {
      if (!await refreshSession()) { void toLogin(); return; }
      detail.value = await getMyCase(caseNo.value);
      setTitle(`办件详情 · ${detail.value.item_name}`);
    } catch (e) {
      detail.value = null;
      if (e instanceof ApiError && e.status === 401) { sessionLost(); return; }
      if (e instanceof ApiError && e.status === 404) notFound.value = true;
      else error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  const stages = computed(() => (detail.value ? stagesOf(detail.value.status) : []));
  const steps = computed(() => newestFirst(detail.value?.steps ?? []));
  const token = computed(() => (detail.value ? progressToken(detail.value.progress_path, detail.value.case_no) : null));
  const showRating = computed(() => detail.value !== null && token.value !== null && ratingOpen(detail.value));

  // --- 补正 -----------------------------------------------------------------------------------
  const uploads = useMaterialUploads({
    limits: () => UPLOAD_LIMITS,
    csrfToken: () => csrfToken.value,
    onSessionLost: sessionLost,
  });
  const slots = computed(() => (detail.value ? correctionSlots(detail.value) : []));
  const note = ref('');
  const errors = ref<Record<string, string>>({});
  const formError = ref('');
  const sending = ref(false);
  const corrected = ref(false);   // the correction just went: say so

  const focus = (id: string) => focusById(id);
  const focusIdOfField = (field: string) =>
    field === CORRECTION_FORM ? 'case-correction-error' : focusIdOf(field, 'case-correction');

  function clear(field: string) {
    if (errors.value[field]) errors.value = { ...errors.value, [field]: '' };
    if (errors.value[CORRECTION_FORM]) errors.value = { ...errors.value, [CORRECTION_FORM]: '' };
  }
  watch(note, () => clear('note'));

  function addFiles(idx: number, files: File[]) {
    clear(`materials[${idx}]`);
    void uploads.add(idx, files);
  }

  function removeFile(idx: number, key: number) {
    clear(`materials[${idx}]`);
    uploads.remove(idx, key);
  }

  async function submitCorrectionForm() {
    const c = detail.value;
    if (!c || !c.correction || sending.value) return;
    formError.value = '';
    const problems = validateCorrection(c, note.value, uploads.entries);
    errors.value = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    const first = problems[0];
    if (first) { focus(focusIdOfField(first.field)); return; }
    sending.value = true;
    try {
      detail.value = await submitCorrection(c.case_no, { note: note.value.trim(), materials: uploads.chosen() }, csrfToken.value);
      uploads.reset();
      note.value = '';
      errors.value = {};
      corrected.value = true;
      focus('case-status-title');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) { sessionLost(); return; }
      const field = e instanceof ApiError ? correctionFieldOf(e.field, slots.value.map((s) => s.idx)) : null;
      if (field) {
        errors.value = { [field]: describeError(e) };
        focus(focusIdOfField(field));
      } else {
        formError.value = describeError(e);
        // 409: the case moved on (a clerk acted meanwhile): show it as it is now.
        if (e instanceof ApiError && e.status === 409) await reload();
        focus('case-correction-form-error');
      }
    } finally {
      sending.value = false;
    }
  }

  // A reload keeps the page (no loading state), so the message stays in view.
  async function reload() {
    try {
      detail.value = await getMyCase(caseNo.value);
    } catch (e) {
      formError.value = `${formError.value} ${describeError(e)}`.trim();
    }
  }

  watch(caseNo, () => {
    if (!caseNo.value) return;
    uploads.reset();
    note.value = '';
    errors.value = {};
    corrected.value = false;
    void load();
  }, { immediate: true });

  return {
    caseNo, detail, loading, error, notFound, load, justSubmitted, stages, steps, token, showRating,
    uploads, slots, note, errors, formError, sending, corrected, addFiles, removeFile, submitCorrectionForm,
  };
}
