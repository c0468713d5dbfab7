// The window's evaluation pad (/pad): every 3 s it asks GET /api/pad/current
// for the ticket just finished at its window. Idle until one is offered;
// then the level, the reasons that fit it (and, for a bad one, an optional
// call-back phone on the number pad), submit, "thank you" for 5 s, idle
// again. A 401 at any point: the pad is not paired. A rating nobody touches
// for PAD_IDLE_MS is put away (pad-idle.ts).
import { computed, onBeforeUnmount, onMounted, ref } from 'vue';
import { ApiError, describeError } from '@/api/client';
import { getPadCurrent, ratePadTicket, type PadCurrent } from '@/api/evaluation';
import { useEvaluationMeta } from '@/views/evaluation/shared/useEvaluationMeta';
import { useRatingForm } from '@/views/evaluation/shared/useRatingForm';
import { padGaveUp } from './pad-idle';
import { readPadToken } from './pad-token';

export const PAD_POLL_MS = 3_000;
export const PAD_THANKS_MS = 5_000;

export type PadScreen = 'connecting' | 'unpaired' | 'idle' | 'level' | 'details' | 'thanks' | 'offline';

export function usePad() {
  const token = readPadToken();
  const { meta, error: metaError, load: loadMeta } = useEvaluationMeta();
  const form = useRatingForm(meta);
  const current = ref<PadCurrent | null>(null);
  const unpaired = ref(token === '');
  const offline = ref('');     // the last poll failed (what was shown stays)
  const thanks = ref(false);
  const sending = ref(false);
  const sendError = ref('');
  let ratedId = 0;             // the ticket just rated, until the server stops offering it
  const skippedId = ref(0);    // the ticket put away untouched
  let offeredAt = 0;           // when the shown ticket appeared
  let touchedAt = 0;           // the last touch on the screen since then
  let idleTimer: ReturnType<typeof setInterval> | null = null;
  let poller: ReturnType<typeof setInterval> | null = null;
  let thanksTimer: ReturnType<typeof setTimeout> | null = null;
  let inFlight = false;

  const ticket = computed(() => {
    const t = current.value?.ticket ?? null;
    return t && t.ticket_id !== ratedId && t.ticket_id !== skippedId.value ? t : null;
  });

  const screen = computed<PadScreen>(() => {
    if (unpaired.value) return 'unpaired';
    if (thanks.value) return 'thanks';
    if (current.value === null) return offline.value ? 'offline' : 'connecting';
    if (!ticket.value) return 'idle';
    return form.level.value === null ? 'level' : 'details';
  });

  async function poll() {
    if (unpaired.value || inFlight) return;
    inFlight = true;
    try {
      const next = await getPadCurrent(token);
      // Another ticket (or none) now: what was being filled in was for the old one.
      if ((next.ticket?.ticket_id ?? 0) !== (current.value?.ticket?.ticket_id ?? 0)) {
        form.reset();
        offeredAt = next.ticket ? Date.now() : 0;
        touchedAt = 0;
      }
      current.value = next;
      offline.value = '';
      if (meta.value === null) void loadMeta();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) unpaired.value = true;
      else offline.value = describeError(e);
    } finally {
      inFlight = false;
    }
  }

  async function submit() {
    const t = ticket.value;
    if (!t || sending.value || form.problem.value) return;
    sending.value = true;
    sendError.value = '';
    try {
      await ratePadTicket(token, { ticket_id: t.ticket_id, ...form.input() });
      done(t.ticket_id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) unpaired.value = true;
      else if (e instanceof ApiError && e.status === 409) done(t.ticket_id);  // rated already: nothing left to do
      else sendError.value = describeError(e);
    } finally {
      sending.value = false;
    }
  }

  function done(ticketId: number) {
    ratedId = ticketId;
    form.reset();
    thanks.value = true;
    if (thanksTimer !== null) clearTimeout(thanksTimer);
    thanksTimer = setTimeout(() => { thanks.value = false; void poll(); }, PAD_THANKS_MS);
  }

  // Back from the reasons to the five levels.
  function again() {
    form.level.value = null;
    sendError.value = '';
  }

  function touched() { touchedAt = Date.now(); }

  function checkIdle() {
    const t = ticket.value;
    if (!t || sending.value || !padGaveUp(offeredAt, touchedAt, Date.now())) return;
    skippedId.value = t.ticket_id;
    form.reset();
    sendError.value = '';
  }

  onMounted(() => {
    void poll();
    poller = setInterval(() => void poll(), PAD_POLL_MS);
    idleTimer = setInterval(checkIdle, 1_000);
    document.addEventListener('pointerdown', touched, { passive: true });
  });
  onBeforeUnmount(() => {
    if (poller !== null) clearInterval(poller);
    if (idleTimer !== null) clearInterval(idleTimer);
    document.removeEventListener('pointerdown', touched);
    if (thanksTimer !== null) clearTimeout(thanksTimer);
  });

  return {
    screen, current, ticket, offline, meta, metaError, loadMeta, form, sending, sendError, submit, again,
  };
}
