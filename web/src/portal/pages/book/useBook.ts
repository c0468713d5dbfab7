// 预约办事 (/portal/book): who is signed in (nobody → the login page, coming
// back here), the sites that take bookings (GET /api/public/sites; ?site=ID
// chooses one), the site's groups (GET /api/hall/sites/:site/board), a slot
// (the slot picker), a mobile when the account has none, and the booking
// (POST /api/citizen/appointments) with its 预约码. Refusals are shown at
// their field, and the first problem takes focus.
import { computed, reactive, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { describeError } from '@/api/client';
import { bookMyAppointment, getSiteBoard, listSites, type Appointment, type SiteBoard } from '../../api';
import {
  bookableSites, bookingBody, bookingGroups, bookingRefusal, initialGroup, siteIdOf, validateBooking, type BookingDraft,
  type BookingField,
} from '../../booking';
import { refreshSession, useCitizenSession } from '../../session';
import type { PortalSite } from '../../sites';
import { focusById, usePageSession } from '../../usePageSession';

// The element that takes focus for a problem (ids of the page).
const FOCUS: Record<BookingField | 'form', string> = {
  site: 'book-site', group: 'book-group-error', slot: 'book-slot-error', phone: 'book-phone', form: 'book-form-error',
};

export function useBook() {
  const route = useRoute();
  const router = useRouter();
  const { citizen, csrfToken } = useCitizenSession();

  const loading = ref(true);
  const error = ref('');
  const sites = ref<PortalSite[]>([]);
  const wantedSite = ref<number | null>(siteIdOf(route.query.site));
  // ?site= names a site that takes no bookings (or no site at all).
  const siteUnknown = ref(false);

  const draft = reactive<BookingDraft>({ siteId: null, group: '', slot: null, phone: '' });
  const board = ref<SiteBoard | null>(null);
  const boardLoading = ref(false);
  const boardError = ref('');
  let boardController: AbortController | null = null;

  const errors = ref<Partial<Record<BookingField, string>>>({});
  const formError = ref('');
  const refresh = ref(0);
  const submitting = ref(false);
  const booked = ref<Appointment | null>(null);

  const accountPhone = computed(() => citizen.value?.phone ?? '');
  const isEmployer = computed(() => citizen.value?.kind === 'employer');
  const site = computed(() => sites.value.find((s) => s.id === draft.siteId) ?? null);
  const groups = computed(() => (board.value ? bookingGroups(board.value) : []));
  const groupName = computed(() => groups.value.find((g) => g.code === draft.group)?.name ?? '');
  // The site of the booking just made, for its address.
  const bookedSite = computed(() => sites.value.find((s) => s.id === booked.value?.site_id) ?? null);

  const { toLogin, sessionLost } = usePageSession();

  const focus = (id: string) => focusById(id);

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      if (!await refreshSession()) { void toLogin(); return; }
      sites.value = bookableSites(await listSites());
      const wanted = wantedSite.value;
      siteUnknown.value = wanted !== null && !sites.value.some((s) => s.id === wanted);
      if (draft.siteId === null) {
        if (wanted !== null && !siteUnknown.value) draft.siteId = wanted;
        else if (sites.value.length === 1) draft.siteId = sites.value[0]?.id ?? null;
      }
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  async function loadBoard() {
    boardController?.abort();
    board.value = null;
    boardError.value = '';
    const id = draft.siteId;
    if (id === null) { boardLoading.value = false; return; }
    const mine = new AbortController();
    boardController = mine;
    boardLoading.value = true;
    try {
      const b = await getSiteBoard(id, mine.signal);
      if (mine.signal.aborted) return;
      board.value = b;
      const choices = bookingGroups(b);
      if (!choices.some((g) => g.code === draft.group && g.unavailable === '')) draft.group = initialGroup(choices, draft.group);
    } catch (e) {
      if (mine.signal.aborted) return;
      boardError.value = describeError(e);
    } finally {
      if (!mine.signal.aborted) boardLoading.value = false;
    }
  }

  // A fixed field's message goes as soon as it changes (not the others').
  const clear = (field: BookingField) => {
    if (errors.value[field]) errors.value = { ...errors.value, [field]: '' };
  };

  watch(() => draft.siteId, (id) => {
    clear('site');
    draft.group = '';
    draft.slot = null;
    void loadBoard();
    // The address keeps the choice (a reload, a shared link).
    if (id !== null && siteIdOf(route.query.site) !== id) void router.replace({ query: { ...route.query, site: String(id) } });
  });
  watch(() => draft.group, () => { clear('group'); clear('slot'); draft.slot = null; });
  watch(() => draft.slot, () => clear('slot'));
  watch(() => draft.phone, () => clear('phone'));

  async function submit() {
    if (submitting.value || isEmployer.value) return;
    formError.value = '';
    const problems = validateBooking(draft, accountPhone.value);
    errors.value = Object.fromEntries(problems.map((p) => [p.field, p.message]));
    const first = problems[0];
    if (first) { focus(FOCUS[first.field]); return; }
    submitting.value = true;
    try {
      booked.value = await bookMyAppointment(bookingBody(draft), csrfToken.value);
      errors.value = {};
      focus('book-done-title');
    } catch (e) {
      const r = bookingRefusal(e);
      if (r.place === 'session') { sessionLost(); return; }
      if (r.reloadSlots) refresh.value += 1;
      if (r.place === 'group') void loadBoard();
      if (r.place === 'site' || r.place === 'group' || r.place === 'slot' || r.place === 'phone') {
        errors.value = { [r.place]: r.message };
        focus(FOCUS[r.place]);
      } else {
        formError.value = r.message;
        focus(FOCUS.form);
      }
    } finally {
      submitting.value = false;
    }
  }

  // Another booking (another day or another hall): the same site to start with.
  function another() {
    booked.value = null;
    draft.slot = null;
    focus('book-site');
  }

  void load();
  return {
    loading, error, load, sites, siteUnknown, site, draft, board, boardLoading, boardError, loadBoard, groups, groupName,
    errors, formError, refresh, submitting, submit, booked, bookedSite, another, accountPhone, isEmployer, citizen,
  };
}
