// The officer's next step on one complaint (complaint.handle): 受理 or 不予受理
// while received, 答复 (the assignee only) or 交办 while accepted, 归档 with
// the call-back once replied. Refusals land on the field the server names.
// The 承办人 is picked from the list the server allows (GET .../assignees).
import { computed, reactive, ref, watch, type Ref } from 'vue';
import {
  acceptComplaint, assignComplaint, closeComplaint, listAssignees, rejectComplaint, replyComplaint,
  type Assignee, type CallbackOutcome, type Complaint, type ComplaintCategory, type ComplaintDetail,
} from '@/api/complaints';
import { describeError } from '@/api/client';
import { useSessionStore } from '@/stores/session';
import { useServerErrors } from '@/utils/form-errors';

export type StepAction = 'accept' | 'reject' | 'reply' | 'assign' | 'close';

const FIELDS = ['category', 'assignee_id', 'reason', 'reply', 'upheld', 'outcome', 'note', 'state'] as const;

export function actionsFor(c: Pick<Complaint, 'state'>): StepAction[] {
  if (c.state === 'received') return ['accept', 'reject'];
  if (c.state === 'accepted') return ['reply', 'assign'];
  if (c.state === 'replied') return ['close'];
  return [];
}

export const ACTION_LABELS: Record<StepAction, string> = {
  accept: '受理', reject: '不予受理', reply: '答复', assign: '交办', close: '回访归档',
};

// "张* · 东城区(本人)": masked name, the unit of the grant, and who is who.
export function assigneeLabel(a: Assignee, currentId: number | null = null): string {
  const notes = [a.self ? '本人' : '', a.account_id === currentId ? '现承办人' : ''].filter((n) => n !== '');
  return `${a.name} · ${a.unit_name}${notes.length ? `(${notes.join('、')})` : ''}`;
}

export function useStepActions(complaint: Ref<ComplaintDetail>, done: (c: Complaint) => void) {
  const session = useSessionStore();
  const me = computed(() => session.me?.account ?? null);
  const actions = computed(() => actionsFor(complaint.value));
  const action = ref<StepAction | ''>('');
  const form = reactive({
    category: '' as ComplaintCategory | '',
    reason: '',
    assignee: undefined as number | undefined,
    reply: '',
    upheld: null as boolean | null,
    outcome: '' as CallbackOutcome | '',
    note: '',
  });
  const busy = ref(false);
  const { fieldErrors, formError, clear, show } = useServerErrors(FIELDS);
  const isAssignee = computed(() => me.value !== null && complaint.value.assignee_id === me.value.id);
  const assignees = ref<Assignee[]>([]);
  const assigneesLoading = ref(false);
  const assigneesError = ref('');

  async function loadAssignees() {
    const c = complaint.value;
    if (!actionsFor(c).some((a) => a === 'accept' || a === 'assign')) return;
    assigneesLoading.value = true;
    assigneesError.value = '';
    try {
      assignees.value = (await listAssignees(c.id)).items;
    } catch (e) {
      assignees.value = [];
      assigneesError.value = describeError(e);
    } finally {
      assigneesLoading.value = false;
    }
  }

  function reset() {
    const c = complaint.value;
    action.value = actionsFor(c)[0] ?? '';
    Object.assign(form, {
      category: c.category, reason: '', reply: '', upheld: null, note: '',
      // 受理: the caller takes it on unless another is picked.
      assignee: c.state === 'received' ? me.value?.id : undefined,
      outcome: c.anonymous ? 'not_applicable' : '',
    });
    clear();
  }
  watch(() => [complaint.value.id, complaint.value.state], () => {
    reset();
    void loadAssignees();
  }, { immediate: true });

  async function call(): Promise<Complaint | null> {
    const id = complaint.value.id;
    switch (action.value) {
      case 'accept':
        return acceptComplaint(id, {
          ...(form.category && form.category !== complaint.value.category ? { category: form.category } : {}),
          ...(form.assignee !== undefined && form.assignee !== me.value?.id ? { assignee_id: form.assignee } : {}),
        });
      case 'reject':
        return rejectComplaint(id, form.reason.trim());
      case 'assign':
        if (form.assignee === undefined) {
          fieldErrors.assignee_id = '请选择承办人';
          return null;
        }
        return assignComplaint(id, form.assignee);
      case 'reply':
        if (form.upheld === null) {
          fieldErrors.upheld = '请认定投诉是否属实';
          return null;
        }
        return replyComplaint(id, form.reply.trim(), form.upheld);
      case 'close':
        if (!form.outcome) {
          fieldErrors.outcome = '请选择回访结果';
          return null;
        }
        return closeComplaint(id, form.outcome, form.note.trim());
      case '':
        return null;
    }
  }

  async function run() {
    if (busy.value) return;
    busy.value = true;
    clear();
    try {
      const c = await call();
      if (c) done(c);
    } catch (e) {
      show(e);
    } finally {
      busy.value = false;
    }
  }

  return {
    me, actions, action, form, busy, fieldErrors, formError, isAssignee, run, assignees, assigneesLoading, assigneesError,
  };
}
