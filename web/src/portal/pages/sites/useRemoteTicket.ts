// 网上取号 at one site (docs/api/hall.md "Public"): the site's groups and
// whether tickets are given now (GET /api/hall/sites/:site/board), a group
// and a mobile typed by the person (nothing is filled in for them), and the
// ticket (POST /api/hall/sites/:site/remote-tickets) with the people ahead.
// No sign-in. Refusals are shown at their field; the first problem takes focus.
import { computed, nextTick, onBeforeUnmount, onMounted, ref, watch } from 'vue';
import { describeError } from '@/api/client';
import { getSiteBoard, takeRemoteTicket, type RemoteTicket, type SiteBoard } from '../../api';
import {
  initialGroup, normalizeMobile, ticketGroups, ticketOffer, ticketPhoneProblem, ticketRefusal, type TicketField,
} from '../../booking';

export function useRemoteTicket(siteId: number) {
  const id = (part: string) => `ticket-${siteId}-${part}`;
  const board = ref<SiteBoard | null>(null);
  const boardLoading = ref(true);
  const boardError = ref('');
  const group = ref('');
  const phone = ref('');
  const errors = ref<Partial<Record<TicketField, string>>>({});
  const formError = ref('');
  const taking = ref(false);
  const taken = ref<RemoteTicket | null>(null);
  let controller: AbortController | null = null;

  const choices = computed(() => (board.value ? ticketGroups(board.value) : []));
  const offer = computed(() => (board.value ? ticketOffer(board.value) : ''));

  function focus(target: string) {
    void nextTick(() => {
      const el = document.getElementById(target);
      el?.focus();
      el?.scrollIntoView({ block: 'nearest' });
    });
  }

  async function loadBoard() {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    boardLoading.value = true;
    boardError.value = '';
    try {
      const b = await getSiteBoard(siteId, mine.signal);
      if (mine.signal.aborted) return;
      board.value = b;
      const open = ticketGroups(b);
      if (!open.some((g) => g.code === group.value && g.unavailable === '')) group.value = initialGroup(open);
    } catch (e) {
      if (mine.signal.aborted) return;
      boardError.value = describeError(e);
    } finally {
      if (!mine.signal.aborted) boardLoading.value = false;
    }
  }

  const clear = (field: TicketField) => {
    if (errors.value[field]) errors.value = { ...errors.value, [field]: '' };
  };
  watch(group, () => clear('group'));
  watch(phone, () => clear('phone'));

  const FOCUS: Record<TicketField | 'form', string> = { group: id('group-error'), phone: id('phone'), form: id('form-error') };

  async function take() {
    if (taking.value) return;
    formError.value = '';
    const problems: [TicketField, string][] = [
      ['group', choices.value.some((g) => g.code === group.value && g.unavailable === '') ? '' : '请选择业务类型'],
      ['phone', ticketPhoneProblem(phone.value)],
    ];
    errors.value = Object.fromEntries(problems.filter(([, m]) => m !== ''));
    const first = problems.find(([, m]) => m !== '');
    if (first) { focus(FOCUS[first[0]]); return; }
    taking.value = true;
    try {
      taken.value = await takeRemoteTicket(siteId, { group: group.value, phone: normalizeMobile(phone.value) });
      // A shared phone keeps nothing of the person once the ticket is taken.
      phone.value = '';
      errors.value = {};
      focus(id('done'));
    } catch (e) {
      const r = ticketRefusal(e);
      if (r.reloadBoard) await loadBoard();
      if (r.place === 'form') {
        formError.value = r.message;
        focus(FOCUS.form);
      } else {
        errors.value = { [r.place]: r.message };
        focus(FOCUS[r.place]);
      }
    } finally {
      taking.value = false;
    }
  }

  onMounted(() => {
    focus(id('title'));
    void loadBoard();
  });
  onBeforeUnmount(() => controller?.abort());

  return { id, board, boardLoading, boardError, loadBoard, choices, offer, group, phone, errors, formError, taking, taken, take };
}
