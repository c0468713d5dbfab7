// 申诉 of a bad rating (四(三); 国办发〔2019〕51号 practice): the responsible
// unit, within evaluation.appeal_days working days of the rating and once,
// gives a reason and an explanation; the unit above reviews it. Refusals
// land on the field the server names (reason, explanation, appeal_due_day, id).
import { computed, reactive, ref, type Ref } from 'vue';
import { appealRectification, type AppealReason, type Rectification } from '@/api/evaluation';
import { useServerErrors } from '@/utils/form-errors';
import { toastSuccess } from '@/utils/feedback';
import { todayShanghai } from '@/views/hall/shared/format';

// Open, never appealed, and still within the appeal days.
export function canAppeal(r: Pick<Rectification, 'state' | 'appeal_state' | 'appeal_due_day'>, today = todayShanghai()): boolean {
  return r.state === 'open' && r.appeal_state === '' && !!r.appeal_due_day && today <= r.appeal_due_day;
}

export function useAppealDialog(task: Ref<Rectification | null>, saved: (r: Rectification) => void) {
  const open = ref(false);
  const form = reactive({ reason: '' as AppealReason | '', explanation: '' });
  const busy = ref(false);
  const errors = useServerErrors(['reason', 'explanation', 'appeal_due_day', 'id'] as const);
  const allowed = computed(() => task.value !== null && canAppeal(task.value));

  function start() {
    Object.assign(form, { reason: '', explanation: '' });
    errors.clear();
    open.value = true;
  }

  async function submit() {
    if (!task.value || busy.value) return;
    errors.clear();
    if (!form.reason) {
      errors.fieldErrors.reason = '请选择申诉理由';
      return;
    }
    busy.value = true;
    try {
      const r = await appealRectification(task.value.id, { reason: form.reason, explanation: form.explanation.trim() });
      open.value = false;
      toastSuccess('申诉已提交,等待上级单位复核');
      saved(r);
    } catch (e) {
      errors.show(e);
    } finally {
      busy.value = false;
    }
  }

  return { open, form, busy, errors, allowed, start, submit };
}
