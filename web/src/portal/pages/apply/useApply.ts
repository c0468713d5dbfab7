// 网上申请 (/portal/apply/:code): who is signed in (nobody → the login page,
// coming back here), the item's form (GET /api/citizen/apply/:code), the
// files of each material (uploaded at once), the checks before sending and
// the submission (POST /api/citizen/applications), which opens the case.
import { computed, reactive, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { ApiError, describeError } from '@/api/client';
import { getApplyForm, listSites, submitApplication, type ApplyForm } from '../../api';
import {
  applicationBody, fieldOf, focusIdOf, materialNeed, orderSites, validateApplication, type ApplyDraft,
} from '../../apply';
import { refreshSession, useCitizenSession } from '../../session';
import { locateFailureText, positionOf, type Position } from '../../sites';
import { setTitle } from '../../title';
import { DEFAULT_TYPES } from '../../upload';
import { useMaterialUploads } from '../../useMaterialUploads';
import { focusById, usePageSession } from '../../usePageSession';

export type LocateState = 'idle' | 'asking' | 'located' | 'failed';

function geolocationAllowed(): boolean {
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return false;
  const policy = (document as { featurePolicy?: { allowsFeature(feature: string): boolean } }).featurePolicy;
  return policy ? policy.allowsFeature('geolocation') : true;
}

export function useApply() {
  const route = useRoute();
  const router = useRouter();
  const { csrfToken } = useCitizenSession();
  const code = computed(() => String(route.params.code ?? ''));

  const form = ref<ApplyForm | null>(null);
  const loading = ref(true);
  const error = ref('');
  const notFound = ref('');     // 404: the server's words
  const notOffered = ref('');   // 422: not online, or not for this kind of applicant
  const draft = reactive<ApplyDraft>({ phone: '', siteId: null, delivery: '', address: '', note: '', declaration: false });
  const errors = ref<Record<string, string>>({});
  // A message for the whole form (the server's), and how many fields still
  // need the applicant: the count goes down as they are fixed.
  const serverError = ref('');
  const formError = computed(() => {
    if (serverError.value) return serverError.value;
    const left = Object.values(errors.value).filter(Boolean).length;
    return left > 1 ? `还有 ${left} 处需要填写或修改,已在相应位置标出。` : '';
  });
  const submitting = ref(false);
  // A 409 on the uploads: a submission before may have gone through (the
  // answer lost on the way), so the case may exist already.
  const maybeSubmitted = ref(false);

  const { toLogin, sessionLost } = usePageSession();

  const uploads = useMaterialUploads({
    limits: () => form.value?.upload ?? { max_bytes: 4 * 1024 * 1024, types: [...DEFAULT_TYPES] },
    csrfToken: () => csrfToken.value,
    onSessionLost: sessionLost,
  });

  const materials = computed(() => (form.value?.materials ?? []).map((m) => ({ m, need: materialNeed(m) })));
  const accept = computed(() => (form.value?.upload.types ?? DEFAULT_TYPES).join(','));

  // --- Where: nearest first once the person shares a position --------------------------------
  const canLocate = geolocationAllowed();
  const here = ref<Position | null>(null);
  const positions = ref<Map<number, Position>>(new Map());
  const locate = ref<LocateState>('idle');
  const locateError = ref('');
  const sites = computed(() => orderSites(form.value?.sites ?? [], positions.value, here.value));
  const chosenSite = computed(() => form.value?.sites.find((s) => s.id === draft.siteId) ?? null);

  function useMyPosition() {
    if (!canLocate || locate.value === 'asking') return;
    locate.value = 'asking';
    locateError.value = '';
    navigator.geolocation.getCurrentPosition(
      async (p) => {
        try {
          // The form's sites carry no coordinates; the public list does.
          const known = await listSites();
          const map = new Map<number, Position>();
          for (const s of known) {
            const at = positionOf(s);
            if (at) map.set(s.id, at);
          }
          positions.value = map;
          here.value = { longitude: p.coords.longitude, latitude: p.coords.latitude };
          locate.value = 'located';
        } catch (e) {
          locateError.value = `暂时无法按距离排序:${describeError(e)}`;
          locate.value = 'failed';
        }
      },
      (e) => {
        locateError.value = locateFailureText(e.code).replace('现仍按所在区、街道排列', '列表仍按所在区、街道排列');
        locate.value = 'failed';
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
    );
  }

  // --- Loading ---------------------------------------------------------------------------------
  async function load() {
    loading.value = true;
    error.value = '';
    notFound.value = '';
    notOffered.value = '';
    try {
      if (!await refreshSession()) { void toLogin(); return; }
      const f = await getApplyForm(code.value);
      // An item that names no way of delivery is collected at the window (as the server takes it).
      if (f.item.delivery.length === 0) f.item.delivery = [{ code: 'window', label: '窗口领取' }];
      form.value = f;
      setTitle(`网上办理 · ${f.item.name}`);
      // One choice is no choice: chosen already.
      if (f.item.delivery.length === 1) draft.delivery = f.item.delivery[0]?.code ?? '';
      if (f.sites.length === 1) draft.siteId = f.sites[0]?.id ?? null;
    } catch (e) {
      form.value = null;
      if (e instanceof ApiError && e.status === 401) { sessionLost(); return; }
      if (e instanceof ApiError && e.status === 404) notFound.value = e.message || '没有找到这个事项';
      else if (e instanceof ApiError && e.status === 422) notOffered.value = e.message;
      else error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  // --- Problems at their fields ----------------------------------------------------------------
  function focusField(field: string) {
    focusById(focusIdOf(field));
  }

  // A fixed field's message goes as soon as it changes (not the others').
  const clear = (field: string) => {
    if (errors.value[field]) errors.value = { ...errors.value, [field]: '' };
  };
  watch(() => draft.phone, () => clear('phone'));
  watch(() => draft.siteId, () => clear('site_id'));
  watch(() => draft.delivery, () => { clear('delivery'); clear('address'); });
  watch(() => draft.address, () => clear('address'));
  watch(() => draft.note, () => clear('note'));
  watch(() => draft.declaration, () => clear('declaration'));

  function addFiles(idx: number, files: File[]) {
    clear(`materials[${idx}]`);
    void uploads.add(idx, files);
  }

  function removeFile(idx: number, key: number) {
    clear(`materials[${idx}]`);
    uploads.remove(idx, key);
  }

  async function submit() {
    const f = form.value;
    if (!f || submitting.value) return;
    serverError.value = '';
    const problems = validateApplication(f, draft, uploads.entries);
    errors.value = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    const first = problems[0];
    if (first) {
      focusField(first.field);
      return;
    }
    submitting.value = true;
    maybeSubmitted.value = false;
    try {
      const opened = await submitApplication(applicationBody(f.item.code, draft, uploads.chosen()), csrfToken.value);
      uploads.reset();
      // replace: going back does not reach a form whose files were taken.
      void router.replace({ name: 'my-case', params: { caseNo: opened.case_no }, query: { submitted: '1' } });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) { sessionLost(); return; }
      maybeSubmitted.value = e instanceof ApiError && e.status === 409;
      const field = e instanceof ApiError ? fieldOf(e.field, f.materials.map((m) => m.idx)) : null;
      if (field) {
        errors.value = { [field]: describeError(e) };
        focusField(field);
      } else {
        serverError.value = describeError(e);
        focusField('form-error');
      }
    } finally {
      submitting.value = false;
    }
  }

  watch(code, () => { if (code.value) void load(); }, { immediate: true });

  return {
    code, form, loading, error, notFound, notOffered, load, draft, errors, formError, submitting, maybeSubmitted, submit,
    uploads, addFiles, removeFile, materials, accept, sites, chosenSite, canLocate, locate, locateError, useMyPosition,
  };
}
