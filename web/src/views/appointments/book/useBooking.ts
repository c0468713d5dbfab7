// 在线预约 (issue 7, item 2; policy 三(五)): the hall comes from the address
// (?site=ID, the hall's QR code: there is no public list of halls), then a
// group, a day and a slot, the person's name, ID number and mobile, and the
// booking code (预约码) to check in with at the kiosk. The ID number is sent
// once and forgotten: the page keeps only the answer, which is masked.
import { computed, reactive, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError, describeError } from '@/api/client';
import type { Appointment } from '@/api/hall';
import { bookAppointment, type Slot } from '@/api/kiosk';
import { getHallBoard, type Board } from '@/api/screen';
import { useServerErrors } from '@/utils/form-errors';
import { normalizeId } from '@/views/cases/shared/id-number';
import { normalizeMobile, siteFromQuery, textFromQuery } from '../shared/validate';

export type BookingStep = 'slot' | 'person' | 'confirm' | 'done';

const PERSON_FIELDS = ['name', 'id_number', 'phone', 'green'] as const;

export function useBooking() {
  const route = useRoute();
  const siteId = computed(() => siteFromQuery(route.query.site));

  const board = ref<Board | null>(null);
  const siteLoading = ref(false);
  const siteError = ref('');
  const siteMissing = ref(false);  // 404: not a hall (or not one that takes bookings)

  const step = ref<BookingStep>('slot');
  const group = ref(textFromQuery(route.query.group));
  const slot = ref<Slot | null>(null);
  const form = reactive({ name: '', idNumber: '', phone: '', green: false });
  const submitting = ref(false);
  const booked = ref<Appointment | null>(null);
  const slotFull = ref(false);  // the last refusal was about the slot or group: choose again
  const { fieldErrors, formError, clear: clearErrors, show: showError } = useServerErrors(PERSON_FIELDS);

  const groups = computed(() => board.value?.groups ?? []);
  const groupName = computed(() => groups.value.find((g) => g.code === group.value)?.name ?? '');

  async function loadSite() {
    const id = siteId.value;
    board.value = null;
    siteMissing.value = false;
    siteError.value = '';
    if (id === null) return;
    siteLoading.value = true;
    try {
      board.value = await getHallBoard(id);
      document.title = `在线预约 · ${board.value.site.name} · 一窗`;
      if (group.value && !board.value.groups.some((g) => g.code === group.value && g.active)) group.value = '';
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) siteMissing.value = true;
      else siteError.value = describeError(e);
    } finally {
      siteLoading.value = false;
    }
  }

  function pickGroup(code: string) {
    if (group.value === code) return;
    group.value = code;
    slot.value = null;
  }

  function toPerson() {
    if (slot.value) step.value = 'person';
  }

  function toSlot() {
    step.value = 'slot';
  }

  function toConfirm() {
    clearErrors();
    slotFull.value = false;
    step.value = 'confirm';
  }

  async function submit() {
    const id = siteId.value;
    if (id === null || !slot.value || submitting.value) return;
    submitting.value = true;
    clearErrors();
    slotFull.value = false;
    try {
      booked.value = await bookAppointment({
        site_id: id,
        group: group.value,
        slot_start: slot.value.start,
        name: form.name.trim(),
        id_number: normalizeId(form.idNumber),
        phone: normalizeMobile(form.phone),
        ...(form.green ? { green: true } : {}),
      });
      // A shared phone keeps nothing of the person once booked.
      form.name = '';
      form.idNumber = '';
      form.phone = '';
      form.green = false;
      step.value = 'done';
      window.scrollTo({ top: 0 });
    } catch (e) {
      showError(e);
      if (PERSON_FIELDS.some((f) => fieldErrors[f] !== '')) step.value = 'person';
      else slotFull.value = e instanceof ApiError && (e.field === 'slot_start' || e.field === 'group');
    } finally {
      submitting.value = false;
    }
  }

  // After a refusal of the slot (filled up meanwhile, already begun): choose again from fresh slots.
  function chooseAgain() {
    slot.value = null;
    formError.value = '';
    slotFull.value = false;
    step.value = 'slot';
  }

  function another() {
    booked.value = null;
    slot.value = null;
    step.value = 'slot';
  }

  watch(siteId, loadSite, { immediate: true });

  return {
    siteId, board, siteLoading, siteError, siteMissing, step, group, groupName, groups, slot, form, submitting, booked,
    slotFull, fieldErrors, formError, loadSite, pickGroup, toPerson, toSlot, toConfirm, submit, chooseAgain, another,
  };
}
