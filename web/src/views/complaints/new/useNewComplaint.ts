// 投诉举报 for citizens (POST /api/public/complaints): the hall comes from the
// address (?site=ID, the hall's QR code; there is no public list of halls),
// optionally ?window=N and ?case=NO. On success the number and the query code
// are shown once; the identity typed in is forgotten at once.
import { computed, reactive, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError, describeError } from '@/api/client';
import { submitComplaint, type ComplaintCategory, type ComplaintKind, type Submitted } from '@/api/complaints';
import { getHallBoard } from '@/api/screen';
import { useServerErrors } from '@/utils/form-errors';
import { normalizeId } from '@/views/cases/shared/id-number';
import { siteFromQuery, textFromQuery } from '@/views/appointments/shared/validate';
import { normalizePhone, windowNumber } from '../shared/rules';
import { publicChannel } from '../shared/steps';

const FIELDS = ['kind', 'category', 'content', 'anonymous', 'name', 'phone', 'id_number', 'case_no', 'site_id',
  'window_number'] as const;

export function useNewComplaint() {
  const route = useRoute();
  const siteId = computed(() => siteFromQuery(route.query.site));
  const siteName = ref('');
  const siteLoading = ref(false);
  const siteProblem = ref('');  // the address names no hall we know, or the look-up failed

  const form = reactive({
    kind: 'complaint' as ComplaintKind,
    category: '' as ComplaintCategory | '',
    windowNumber: textFromQuery(route.query.window),
    caseNo: textFromQuery(route.query.case),
    content: '',
    anonymous: false,
    name: '',
    phone: '',
    idNumber: '',
  });
  const submitting = ref(false);
  const submitted = ref<(Submitted & { anonymous: boolean }) | null>(null);
  const { fieldErrors, formError, clear, show } = useServerErrors(FIELDS);

  async function loadSite() {
    const id = siteId.value;
    siteName.value = '';
    siteProblem.value = '';
    if (id === null) return;
    siteLoading.value = true;
    try {
      siteName.value = (await getHallBoard(id)).site.name;
    } catch (e) {
      siteProblem.value = e instanceof ApiError && e.status === 404
        ? '没有找到二维码中的服务大厅,请填写办件编号,或到大厅现场反映。' : describeError(e);
    } finally {
      siteLoading.value = false;
    }
  }
  watch(siteId, loadSite, { immediate: true });

  // Without a known hall the case number says which unit answers.
  const needsCase = computed(() => siteName.value === '');

  async function submit() {
    if (submitting.value || !form.category) return;
    submitting.value = true;
    clear();
    try {
      const made = await submitComplaint({
        kind: form.kind,
        category: form.category,
        content: form.content.trim(),
        anonymous: form.anonymous,
        channel: publicChannel(navigator.userAgent),
        ...(siteName.value && siteId.value !== null ? { site_id: siteId.value } : {}),
        ...(windowNumber(form.windowNumber) !== undefined ? { window_number: windowNumber(form.windowNumber) } : {}),
        ...(form.caseNo.trim() ? { case_no: form.caseNo.trim() } : {}),
        ...(form.anonymous ? {} : {
          name: form.name.trim(),
          phone: normalizePhone(form.phone),
          ...(form.idNumber.trim() ? { id_number: normalizeId(form.idNumber) } : {}),
        }),
      });
      submitted.value = { ...made, anonymous: form.anonymous };
      // A shared phone keeps nothing of the person once filed.
      Object.assign(form, { content: '', name: '', phone: '', idNumber: '', caseNo: '' });
      window.scrollTo({ top: 0 });
    } catch (e) {
      show(e);
    } finally {
      submitting.value = false;
    }
  }

  function another() {
    submitted.value = null;
    clear();
  }

  return { siteId, siteName, siteLoading, siteProblem, needsCase, form, submitting, submitted, fieldErrors, formError,
    loadSite, submit, another };
}
