// 我的预约: a booking found by its code and the holder's ID number (POST
// .../lookup, so the ID number is never in an address), then 改约 (another
// slot of the same group) or 取消. The ID number is kept in this page's
// memory only while the booking is shown, for change and cancel, and
// dropped with it.
import { computed, reactive, ref } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError, describeError } from '@/api/client';
import type { Appointment } from '@/api/hall';
import { cancelAppointment, changeAppointment, lookupAppointment, type Slot } from '@/api/kiosk';
import { confirmAction, toastSuccess } from '@/utils/feedback';
import { normalizeId } from '@/views/cases/shared/id-number';
import { bookingWhen } from '../shared/format';
import { textFromQuery } from '../shared/validate';

export const NOT_FOUND_TEXT = '预约码或身份证号码不正确,请核对后再试。';

export function useMyAppointment() {
  const route = useRoute();
  const queryCode = textFromQuery(route.query.code);
  const form = reactive({ code: /^\d{8}$/.test(queryCode) ? queryCode : '', idNumber: '' });
  const appointment = ref<Appointment | null>(null);
  const loading = ref(false);
  const error = ref('');
  const changing = ref(false);
  const newSlot = ref<Slot | null>(null);
  const saving = ref(false);
  const actionError = ref('');
  let proof = '';  // the ID number that found the booking

  const canChange = computed(() => appointment.value?.state === 'booked');

  function explain(e: unknown): string {
    if (e instanceof ApiError && e.status === 404) return NOT_FOUND_TEXT;
    return describeError(e);
  }

  async function lookup() {
    if (loading.value) return;
    loading.value = true;
    error.value = '';
    const code = form.code.trim();
    const id = normalizeId(form.idNumber);
    try {
      appointment.value = await lookupAppointment(code, id);
      proof = id;
      form.idNumber = '';  // out of the field; kept only for 改约 / 取消
    } catch (e) {
      appointment.value = null;
      error.value = explain(e);
    } finally {
      loading.value = false;
    }
  }

  function startChange() {
    actionError.value = '';
    newSlot.value = null;
    changing.value = true;
  }

  function stopChange() {
    changing.value = false;
    newSlot.value = null;
    actionError.value = '';
  }

  async function confirmChange() {
    const a = appointment.value;
    if (!a || !newSlot.value || saving.value) return;
    saving.value = true;
    actionError.value = '';
    try {
      appointment.value = await changeAppointment(a.code, proof, newSlot.value.start);
      changing.value = false;
      newSlot.value = null;
      toastSuccess('改约成功');
    } catch (e) {
      actionError.value = explain(e);
    } finally {
      saving.value = false;
    }
  }

  async function cancel() {
    const a = appointment.value;
    if (!a || saving.value) return;
    const ok = await confirmAction(
      `确定取消 ${bookingWhen(a.day, a.slot_start, a.slot_end)} 的“${a.group_name}”预约吗?取消后该时段将开放给其他群众。`,
      '取消预约', '确定取消');
    if (!ok) return;
    saving.value = true;
    actionError.value = '';
    try {
      appointment.value = await cancelAppointment(a.code, proof);
      changing.value = false;
      toastSuccess('预约已取消');
    } catch (e) {
      actionError.value = explain(e);
    } finally {
      saving.value = false;
    }
  }

  function another() {
    appointment.value = null;
    proof = '';
    error.value = '';
    actionError.value = '';
    changing.value = false;
    form.code = '';
    form.idNumber = '';
  }

  return {
    form, appointment, loading, error, changing, newSlot, saving, actionError, canChange,
    lookup, startChange, stopChange, confirmChange, cancel, another,
  };
}
