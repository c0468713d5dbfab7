// The state every case dialog repeats: the form's values, the el-form they
// are bound to, and one ActionKey, so that a retry after a lost answer sends
// the same Idempotency-Key.
import { reactive, ref, type Ref } from 'vue';
import type { FormInstance } from 'element-plus';
import { ActionKey } from '@/api/cases';

export interface CaseForm<T extends object> {
  // Bind with ref="formRef" :model="form" on the dialog's el-form.
  formRef: Ref<FormInstance | undefined>;
  form: T;
  // Back to the initial values (except `keep`) with no validation messages: on open.
  reset: (keep?: Partial<T>) => void;
  // Validates, then runs `act`; answers false when the form is not valid or
  // `act` says it is not ready, which is what CaseDialog's `run` answers.
  // A failure of `act` is thrown on for CaseDialog to show.
  submit: (act: (key: ActionKey) => Promise<boolean | void>) => Promise<boolean>;
}

// `initial` makes the values afresh on each reset, so they may depend on props.
export function useCaseForm<T extends object>(initial: () => T): CaseForm<T> {
  const formRef = ref<FormInstance>();
  const form = reactive(initial()) as T;
  const key = new ActionKey();

  function reset(keep: Partial<T> = {}) {
    Object.assign(form, initial(), keep);
    formRef.value?.clearValidate();
  }

  // No bound form counts as not valid, as before: a dialog that forgot the
  // ref never submits rather than skipping its rules.
  async function submit(act: (key: ActionKey) => Promise<boolean | void>): Promise<boolean> {
    if (!(await formRef.value?.validate().catch(() => false))) return false;
    return (await act(key)) !== false;
  }

  return { formRef, form, reset, submit };
}
