// One mediation case: its facts and sessions, the audited reveal of the
// worker, a new session, and the one outcome. After the due day an agreement
// needs both parties' consent to go on mediating (it is then recorded as late).
import { reactive } from 'vue';
import {
  addSession, closeMediation, getMediation, revealWorker, toFen, type MediationDetail, type MediationOutcome,
  type SessionResult, type Worker,
} from '@/api/labour';
import { useRecordDrawer } from '@/composables/useRecordDrawer';
import { useServerErrors } from '@/utils/form-errors';
import { today } from '../shared/days';

function blankSession() {
  return { day: today(), attendees: '', notes: '', result: 'progress' as SessionResult };
}
function blankOutcome() {
  return { outcome: 'agreed' as MediationOutcome, agreement: '', amount: '', performanceDay: '', note: '', extended: false };
}

export function useMediationDrawer() {
  const drawer = useRecordDrawer<MediationDetail, Worker>(getMediation, {
    call: revealWorker,
    message: '查看申请人完整的姓名、身份证号码和电话将记入审计日志。仅在联系当事人需要时查看。',
    title: '查看申请人信息',
  });
  const { detail, act } = drawer;
  const session = reactive(blankSession());
  const outcome = reactive(blankOutcome());
  const sessionErrors = useServerErrors(['day', 'attendees', 'notes', 'result', 'state'] as const);
  const outcomeErrors = useServerErrors(['outcome', 'agreement', 'agreed_amount_fen', 'performance_due_day', 'note',
    'extended', 'state'] as const);

  function open(id: number) {
    Object.assign(session, blankSession());
    Object.assign(outcome, blankOutcome());
    sessionErrors.clear();
    outcomeErrors.clear();
    drawer.open(id);
  }

  async function saveSession() {
    const m = await act((id) => addSession(id, { day: session.day, attendees: session.attendees.trim(),
      notes: session.notes.trim(), result: session.result }), sessionErrors);
    if (m) Object.assign(session, blankSession());
    return m;
  }

  async function saveOutcome() {
    const amount = toFen(outcome.amount);
    if (outcome.outcome === 'agreed' && outcome.amount.trim() !== '' && amount === undefined) {
      outcomeErrors.fieldErrors.agreed_amount_fen = '请输入金额(元),最多两位小数';
      return null;
    }
    return act((id) => closeMediation(id, {
      outcome: outcome.outcome, note: outcome.note.trim(), extended: outcome.extended,
      ...(outcome.outcome === 'agreed' ? {
        agreement: outcome.agreement.trim(), performance_due_day: outcome.performanceDay || undefined,
        ...(amount !== undefined ? { agreed_amount_fen: amount } : {}),
      } : {}),
    }), outcomeErrors);
  }

  const { loading, error, revealed: worker, revealError, busy, load, forget, reveal } = drawer;
  return { detail, loading, error, worker, revealError, session, outcome, busy, sessionErrors, outcomeErrors,
    open, load, forget, reveal, saveSession, saveOutcome };
}
