// 投诉举报 (/portal/complaints/new): who is signed in (nobody → the login
// page, coming back here), the halls (GET /api/public/sites; ?site=ID
// chooses one) and the person's own cases (GET /api/citizen/cases; ?case=NO
// chooses one), the checks before sending and the filing (POST
// /api/citizen/complaints), after which the number, the query code and the
// accept due day are shown. Problems are shown at their field and the first
// takes focus.
import { computed, reactive, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { describeError } from '@/api/client';
import { fileMyComplaint, listMyCases, listSites, type CitizenCase, type FiledComplaint } from '../../api';
import { siteIdOf } from '../../booking';
import {
  caseNoOf, complaintBody, complaintFocusId, complaintRefusal, emptyDraft, validateComplaint,
  type ComplaintField,
} from '../../complaint';
import { refreshSession, useCitizenSession } from '../../session';
import type { PortalSite } from '../../sites';
import { focusById, usePageSession } from '../../usePageSession';

export function useComplaintForm() {
  const route = useRoute();
  const { citizen, csrfToken } = useCitizenSession();

  const loading = ref(true);
  const error = ref('');
  const sites = ref<PortalSite[]>([]);
  const cases = ref<CitizenCase[]>([]);
  // What the address asked for and the lists do not hold.
  const caseUnknown = ref('');
  const siteUnknown = ref(false);

  const draft = reactive(emptyDraft());
  const errors = ref<Partial<Record<ComplaintField, string>>>({});
  const serverError = ref('');
  // How many fields still need the person: the count goes down as they are fixed.
  const formError = computed(() => {
    if (serverError.value) return serverError.value;
    const left = Object.values(errors.value).filter(Boolean).length;
    return left > 1 ? `还有 ${left} 处需要填写或修改,已在相应位置标出。` : '';
  });
  const submitting = ref(false);
  const maybeFiled = ref(false);
  const filed = ref<FiledComplaint | null>(null);

  const accountPhone = computed(() => citizen.value?.phone ?? '');
  const chosenCase = computed(() => cases.value.find((c) => c.case_no === draft.caseNo) ?? null);
  const chosenSite = computed(() => sites.value.find((s) => s.id === draft.siteId) ?? null);
  // The public anonymous form (the staff app's public page): the hall goes along.
  const anonymousHref = computed(() => (draft.siteId !== null ? `/complaints/new?site=${draft.siteId}` : '/complaints/new'));

  const { toLogin, sessionLost } = usePageSession();

  const focus = (id: string) => focusById(id);

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      if (!await refreshSession()) { void toLogin(); return; }
      const [allSites, myCases] = await Promise.all([listSites(), listMyCases()]);
      sites.value = allSites;
      cases.value = myCases;
      const wantedCase = caseNoOf(route.query.case);
      const wantedSite = siteIdOf(route.query.site);
      caseUnknown.value = wantedCase !== '' && !myCases.some((c) => c.case_no === wantedCase) ? wantedCase : '';
      siteUnknown.value = wantedSite !== null && !allSites.some((s) => s.id === wantedSite);
      if (draft.caseNo === '' && wantedCase !== '' && caseUnknown.value === '') draft.caseNo = wantedCase;
      if (draft.siteId === null && wantedSite !== null && !siteUnknown.value) draft.siteId = wantedSite;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  // A fixed field's message goes as soon as it changes (not the others').
  const clear = (...fields: ComplaintField[]) => {
    if (fields.some((f) => errors.value[f])) {
      const next = { ...errors.value };
      for (const f of fields) delete next[f];
      errors.value = next;
    }
  };
  watch(() => draft.kind, () => clear('kind'));
  watch(() => draft.category, () => clear('category'));
  watch(() => draft.content, () => clear('content'));
  // Either names the unit that answers.
  watch(() => draft.caseNo, () => clear('case_no', 'site_id'));
  watch(() => draft.siteId, () => clear('site_id', 'case_no'));
  watch(() => draft.windowNumber, () => clear('window_number'));
  watch(() => draft.phone, () => clear('phone'));

  async function submit() {
    if (submitting.value) return;
    serverError.value = '';
    const problems = validateComplaint(draft, accountPhone.value);
    errors.value = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    const first = problems[0];
    if (first) { focus(complaintFocusId(first.field)); return; }
    submitting.value = true;
    maybeFiled.value = false;
    try {
      filed.value = await fileMyComplaint(complaintBody(draft, navigator.userAgent), csrfToken.value);
      errors.value = {};
      // Nothing of the text stays on a shared phone once filed.
      Object.assign(draft, emptyDraft({ kind: draft.kind, siteId: draft.siteId }));
      focus('complaint-done-title');
    } catch (e) {
      const r = complaintRefusal(e);
      if (r.place === 'session') { sessionLost(); return; }
      maybeFiled.value = r.maybeFiled;
      if (r.place === 'form') {
        serverError.value = r.message;
        focus(complaintFocusId('form'));
      } else {
        errors.value = { [r.place]: r.message };
        focus(complaintFocusId(r.place));
      }
    } finally {
      submitting.value = false;
    }
  }

  // Another one (about something else): the form again, the hall kept.
  function another() {
    filed.value = null;
    maybeFiled.value = false;
    focus('complaint-kind-0');
  }

  void load();
  return {
    loading, error, load, sites, cases, caseUnknown, siteUnknown, draft, errors, formError, submitting, maybeFiled, filed,
    submit, another, accountPhone, chosenCase, chosenSite, anonymousHref, citizen,
  };
}
