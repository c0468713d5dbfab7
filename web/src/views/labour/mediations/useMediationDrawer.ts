// One mediation case: its facts and sessions, the audited reveal of the
// worker, a new session, and the one outcome. After the due day an agreement
// needs both parties' consent to go on mediating (it is then recorded as late).
import { reactive, ref } from 'vue';
import {
  addSession, closeMediation, getMediation, revealWorker, toFen, type MediationDetail, type MediationOutcome,
  type SessionResult, type Worker,
} from '@/api/labour';
import { describeError } from '@/api/client';
import { confirmAction } from '@/utils/feedback';
import { useServerErrors } from '@/utils/form-errors';
import { today } from '../shared/days';

function blankSession() {
  return { day: today(), attendees: '', notes: '', result: 'progress' as SessionResult };
}
function blankOutcome() {
  return { outcome: 'agreed' as MediationOutcome, agreement: '', amount: '', performanceDay: '', note: '', extended: false };
}

export function useMediationDrawer() {
  const detail = ref<MediationDetail | null>(null);
  const loading = ref(false);
  const error = ref('');
  const worker = ref<Worker | null>(null);
  const revealError = ref('');
  const session = reactive(blankSession());
  const outcome = reactive(blankOutcome());
  const busy = ref(false);
  const sessionErrors = useServerErrors(['day', 'attendees', 'notes', 'result', 'state'] as const);
  const outcomeErrors = useServerErrors(['outcome', 'agreement', 'agreed_amount_fen', 'performance_due_day', 'note',
    'extended', 'state'] as const);
  let current = 0;

  async function open(id: number) {
    current = id;
    worker.value = null;
    revealError.value = '';
    Object.assign(session, blankSession());
    Object.assign(outcome, blankOutcome());
    sessionErrors.clear();
    outcomeErrors.clear();
    await load();
  }

  async function load() {
    const id = current;
    loading.value = true;
    error.value = '';
    try {
      const d = await getMediation(id);
      if (id === current) detail.value = d;
    } catch (e) {
      if (id === current) error.value = describeError(e);
    } finally {
      if (id === current) loading.value = false;
    }
  }

  function forget() {
    current = 0;
    detail.value = null;
    worker.value = null;
  }

  async function reveal() {
    if (!detail.value) return;
    revealError.value = '';
    const id = detail.value.id;
    if (!(await confirmAction('查看申请人完整的姓名、身份证号码和电话将记入审计日志。仅在联系当事人需要时查看。',
      '查看申请人信息', '确认查看')) || id !== current) return;
    try {
      const who = await revealWorker(id);
      if (id === current) worker.value = who;
    } catch (e) {
      revealError.value = describeError(e);
    }
  }

  async function act(fn: () => Promise<MediationDetail>, errors: { clear: () => void; show: (e: unknown) => void }) {
    if (busy.value) return null;
    busy.value = true;
    errors.clear();
    try {
      detail.value = await fn();
      return detail.value;
    } catch (e) {
      errors.show(e);
      return null;
    } finally {
      busy.value = false;
    }
  }

  async function saveSession() {
    const id = detail.value?.id;
    if (id === undefined) return null;
    const m = await act(() => addSession(id, { day: session.day, attendees: session.attendees.trim(),
      notes: session.notes.trim(), result: session.result }), sessionErrors);
    if (m) Object.assign(session, blankSession());
    return m;
  }

  async function saveOutcome() {
    const id = detail.value?.id;
    if (id === undefined) return null;
    const amount = toFen(outcome.amount);
    if (outcome.outcome === 'agreed' && outcome.amount.trim() !== '' && amount === undefined) {
      outcomeErrors.fieldErrors.agreed_amount_fen = '请输入金额(元),最多两位小数';
      return null;
    }
    return act(() => closeMediation(id, {
      outcome: outcome.outcome, note: outcome.note.trim(), extended: outcome.extended,
      ...(outcome.outcome === 'agreed' ? {
        agreement: outcome.agreement.trim(), performance_due_day: outcome.performanceDay || undefined,
        ...(amount !== undefined ? { agreed_amount_fen: amount } : {}),
      } : {}),
    }), outcomeErrors);
  }

  return { detail, loading, error, worker, revealError, session, outcome, busy, sessionErrors, outcomeErrors,
    open, load, forget, reveal, saveSession, saveOutcome };
}
