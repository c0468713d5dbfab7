// 网上取号 (issue 7; policy 三(五)): the hall comes from the address
// (?site=ID, like 在线预约), its public board says whether tickets are given
// on the web and now, and which groups have a window open; a group and a
// mobile number take a ticket (channel `web`), shown big with how many wait
// before it. The mobile number is sent once and forgotten.
import { computed, reactive, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError, describeError } from '@/api/client';
import { takeRemoteTicket, type RemoteTicket } from '@/api/kiosk';
import { getHallBoard, type Board } from '@/api/screen';
import { normalizeMobile, siteFromQuery } from '../shared/validate';
import { groupChoices, hoursLines, remoteOffer, remoteProblem, type RemoteProblem } from './remote';

export interface TakenTicket extends RemoteTicket {
  groupName: string;
}

export function useRemoteTicket() {
  const route = useRoute();
  const siteId = computed(() => siteFromQuery(route.query.site));

  const board = ref<Board | null>(null);
  const siteLoading = ref(false);  // the first read; a refresh keeps the page on screen
  const refreshing = ref(false);
  const siteError = ref('');
  const siteMissing = ref(false);  // 404: no such hall
  let reads = 0;

  const form = reactive({ group: '', phone: '' });
  const phoneError = ref('');      // the server's word on the number
  const submitting = ref(false);
  const problem = ref<RemoteProblem | null>(null);
  const taken = ref<TakenTicket | null>(null);

  const offer = computed(() => (board.value ? remoteOffer(board.value) : null));
  const hours = computed(() => hoursLines(board.value?.hours ?? ''));
  const groups = computed(() => (board.value ? groupChoices(board.value) : []));
  const groupName = computed(() => groups.value.find((g) => g.code === form.group)?.name ?? '');

  async function loadSite() {
    const id = siteId.value;
    const read = ++reads;
    siteError.value = '';
    siteMissing.value = false;
    if (id === null) {
      board.value = null;
      return;
    }
    if (board.value?.site.id !== id) {
      board.value = null;
      siteLoading.value = true;
    } else {
      refreshing.value = true;
    }
    try {
      const b = await getHallBoard(id);
      if (read !== reads) return;
      board.value = b;
      document.title = `网上取号 · ${b.site.name} · 一窗`;
      // A group that can no longer be taken is not kept chosen.
      if (form.group && !groups.value.some((g) => g.code === form.group && g.unavailable === '')) form.group = '';
    } catch (e) {
      if (read !== reads) return;
      board.value = null;
      if (e instanceof ApiError && e.status === 404) siteMissing.value = true;
      else siteError.value = describeError(e);
    } finally {
      if (read === reads) {
        siteLoading.value = false;
        refreshing.value = false;
      }
    }
  }

  function pickGroup(code: string) {
    if (groups.value.some((g) => g.code === code && g.unavailable === '')) form.group = code;
  }

  function clearProblem() {
    problem.value = null;
    phoneError.value = '';
  }

  // The form is valid (checked by the page); a network failure may be
  // retried with the same group and number.
  async function submit() {
    const id = siteId.value;
    if (id === null || !form.group || submitting.value) return;
    const chosen = form.group;
    const name = groupName.value;
    submitting.value = true;
    clearProblem();
    try {
      const answer = await takeRemoteTicket(id, { group: chosen, phone: normalizeMobile(form.phone) });
      taken.value = { ...answer, groupName: answer.ticket.group_name || name };
      form.phone = '';  // a shared phone keeps nothing of the person
      window.scrollTo({ top: 0 });
    } catch (e) {
      const p = remoteProblem(e);
      if (p.kind === 'field') phoneError.value = p.message;
      else problem.value = p;
      // Not now or not this group: the groups' state has changed; read it again.
      if (p.kind === 'refused') void loadSite();
    } finally {
      submitting.value = false;
    }
  }

  // Back to the form (for another person or another group), with fresh figures.
  function another() {
    taken.value = null;
    form.group = '';
    clearProblem();
    void loadSite();
  }

  watch(siteId, () => {
    taken.value = null;
    form.group = '';
    clearProblem();
    void loadSite();
  }, { immediate: true });

  return {
    siteId, board, siteLoading, refreshing, siteError, siteMissing, offer, hours, groups, groupName, form,
    phoneError, submitting, problem, taken, loadSite, pickGroup, clearProblem, submit, another,
  };
}
