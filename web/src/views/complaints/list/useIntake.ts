// 登记投诉 (complaint.intake): a complaint taken at the window, on the phone or
// from a letter. The hall defaults to one of the caller's unit (org.read);
// the person complained about is picked from the roster when the caller may
// read it (staff.read), else left out. The answer carries the query code,
// shown once to hand to the reporter.
import { computed, reactive, ref } from 'vue';
import { describeError } from '@/api/client';
import {
  takeComplaint, type ComplaintCategory, type ComplaintKind, type StaffChannel, type TakenComplaint,
} from '@/api/complaints';
import { listSites, type Site } from '@/api/org';
import { listStaff, type Person } from '@/api/staff';
import { useSessionStore } from '@/stores/session';
import { useServerErrors } from '@/utils/form-errors';
import { normalizePhone, windowNumber } from '../shared/rules';

const FIELDS = ['channel', 'kind', 'category', 'content', 'anonymous', 'name', 'phone', 'site_id', 'window_number',
  'staff_id'] as const;

function blank() {
  return {
    channel: 'window' as StaffChannel,
    kind: 'complaint' as ComplaintKind,
    category: '' as ComplaintCategory | '',
    content: '',
    anonymous: false,
    name: '',
    phone: '',
    siteId: null as number | null,
    windowNumber: '',
    staffId: null as number | null,
  };
}

export function useIntake() {
  const session = useSessionStore();
  const canPickSite = computed(() => session.hasPermission('org.read'));
  const canPickStaff = computed(() => session.hasPermission('staff.read'));
  const form = reactive(blank());
  const sites = ref<Site[]>([]);
  const people = ref<Person[]>([]);
  const listsError = ref('');
  const saving = ref(false);
  const taken = ref<TakenComplaint | null>(null);
  const { fieldErrors, formError, clear, show } = useServerErrors(FIELDS);

  const peopleHere = computed(() => (form.siteId === null
    ? people.value : people.value.filter((p) => p.site_id === null || p.site_id === form.siteId)));

  async function prepare() {
    Object.assign(form, blank());
    taken.value = null;
    listsError.value = '';
    clear();
    try {
      const [s, p] = await Promise.all([
        canPickSite.value ? listSites().then((r) => r.items) : Promise.resolve([]),
        canPickStaff.value ? listStaff().then((r) => r.items) : Promise.resolve([]),
      ]);
      sites.value = s;
      people.value = p;
      const unit = session.me?.account.unit_code ?? '';
      form.siteId = (s.find((x) => x.unit_code === unit) ?? (s.length === 1 ? s[0] : undefined))?.id ?? null;
    } catch (e) {
      listsError.value = describeError(e);
    }
  }

  async function save(): Promise<boolean> {
    if (saving.value || !form.category) return false;
    saving.value = true;
    clear();
    try {
      taken.value = await takeComplaint({
        channel: form.channel,
        kind: form.kind,
        category: form.category,
        content: form.content.trim(),
        anonymous: form.anonymous,
        ...(form.anonymous ? {} : { name: form.name.trim(), phone: normalizePhone(form.phone) }),
        ...(form.siteId !== null ? { site_id: form.siteId } : {}),
        ...(windowNumber(form.windowNumber) !== undefined ? { window_number: windowNumber(form.windowNumber) } : {}),
        ...(form.staffId !== null ? { staff_id: form.staffId } : {}),
      });
      Object.assign(form, blank());  // nothing of the reporter stays in the page
      return true;
    } catch (e) {
      show(e);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { canPickSite, canPickStaff, form, sites, peopleHere, listsError, saving, taken, fieldErrors, formError,
    prepare, save };
}
