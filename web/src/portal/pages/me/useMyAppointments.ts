// 我的预约 on 我的服务: the signed-in person's bookings (GET
// /api/citizen/appointments), 改约 to another slot of the same site and group
// (POST .../:code/change) and 取消预约 after a confirmation step (POST
// .../:code/cancel). One booking's panel is open at a time; focus moves into
// it when it opens and back to its button when it closes. A refusal about the
// slot is shown at the slot picker; one about the booking itself (already
// checked in, cancelled, not found) above the list, which is read again.
import { computed, onBeforeUnmount, ref } from 'vue';
import { ApiError, describeError } from '@/api/client';
import { cancelMyAppointment, changeMyAppointment, listMyAppointments, type Appointment, type Slot } from '../../api';
import { bookingRefusal, bookingWhen, splitAppointments, withAppointment } from '../../booking';
import { useCitizenSession } from '../../session';
import { focusById } from '../../usePageSession';

export type PanelKind = 'change' | 'cancel';

export interface Notice {
  tone: 'ok' | 'error';
  text: string;
}

// Ids of the component's elements, shared by the template and the focus moves.
export const apptId = (code: string, part: string) => `appt-${code}-${part}`;
export const NOTICE_ID = 'me-appointments-notice';

export function useMyAppointments(onSessionLost: () => void) {
  const { csrfToken } = useCitizenSession();
  const items = ref<Appointment[]>([]);
  const loading = ref(true);
  const error = ref('');
  const now = ref(Date.now());
  const lists = computed(() => splitAppointments(items.value, now.value));

  const panel = ref<{ code: string; kind: PanelKind } | null>(null);
  const newSlot = ref<Slot | null>(null);
  const slotError = ref('');
  const refresh = ref(0);
  const busy = ref(false);
  const notice = ref<Notice | null>(null);
  let controller: AbortController | null = null;

  const focus = (id: string) => focusById(id, 'nearest');

  // `quiet`: keep the list on screen while reading it again (after a refusal).
  async function load(quiet = false) {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    if (!quiet) loading.value = true;
    error.value = '';
    try {
      items.value = await listMyAppointments(mine.signal);
      now.value = Date.now();
    } catch (e) {
      if (mine.signal.aborted) return;
      if (e instanceof ApiError && e.status === 401) { onSessionLost(); return; }
      if (quiet) notice.value = { tone: 'error', text: `${notice.value?.text ?? ''} ${describeError(e)}`.trim() };
      else error.value = describeError(e);
    } finally {
      if (!mine.signal.aborted) loading.value = false;
    }
  }

  const isOpen = (a: Appointment, kind: PanelKind) => panel.value?.code === a.code && panel.value.kind === kind;

  function open(a: Appointment, kind: PanelKind) {
    if (busy.value) return;
    if (isOpen(a, kind)) { close(); return; }
    panel.value = { code: a.code, kind };
    newSlot.value = null;
    slotError.value = '';
    notice.value = null;
    // 改约: its heading; 取消: the safe answer, 不取消 (the question is the group's name).
    focus(apptId(a.code, kind === 'change' ? 'change-title' : 'keep'));
  }

  function close() {
    const p = panel.value;
    panel.value = null;
    if (p) focus(apptId(p.code, `${p.kind}-button`));
  }

  // A refusal about the booking itself: told above the list, the list read again.
  function refused(e: unknown, code: string) {
    const r = bookingRefusal(e);
    if (r.place === 'session') { onSessionLost(); return; }
    if (r.place === 'slot' && panel.value?.kind === 'change') {
      slotError.value = r.message;
      if (r.reloadSlots) refresh.value += 1;
      focus(apptId(code, 'slot-error'));
      return;
    }
    panel.value = null;
    notice.value = { tone: 'error', text: r.message };
    focus(NOTICE_ID);
    if (r.place === 'item') void load(true);
  }

  async function submitChange(a: Appointment) {
    if (busy.value) return;
    const slot = newSlot.value;
    if (!slot) {
      slotError.value = '请选择新的预约日期和时段';
      focus(apptId(a.code, 'slot-error'));
      return;
    }
    busy.value = true;
    try {
      const changed = await changeMyAppointment(a.code, slot.start, csrfToken.value);
      items.value = withAppointment(items.value, changed);
      now.value = Date.now();
      panel.value = null;
      notice.value = {
        tone: 'ok',
        text: `已改约:${changed.group_name},${bookingWhen(changed.day, changed.slot_start, changed.slot_end)},预约码不变。`,
      };
      focus(apptId(a.code, 'title'));
    } catch (e) {
      refused(e, a.code);
    } finally {
      busy.value = false;
    }
  }

  async function confirmCancel(a: Appointment) {
    if (busy.value) return;
    busy.value = true;
    try {
      const cancelled = await cancelMyAppointment(a.code, csrfToken.value);
      items.value = withAppointment(items.value, cancelled);
      now.value = Date.now();
      panel.value = null;
      notice.value = {
        tone: 'ok',
        text: `已取消 ${bookingWhen(cancelled.day, cancelled.slot_start, cancelled.slot_end)} 的预约(${cancelled.group_name})。`,
      };
      focus('me-appointments');
    } catch (e) {
      refused(e, a.code);
    } finally {
      busy.value = false;
    }
  }

  // A new choice clears the refusal of the last one.
  function chooseSlot(slot: Slot | null) {
    newSlot.value = slot;
    if (slot) slotError.value = '';
  }

  void load();
  onBeforeUnmount(() => controller?.abort());

  return {
    items, loading, error, load, now, lists, panel, isOpen, open, close, newSlot, chooseSlot, slotError, refresh, busy, notice,
    submitChange, confirmCancel,
  };
}
