// 受理调解申请: the worker (sealed by the server), the employer (registered or
// by name), the claim, the day received (due fifteen days later) and the
// mediator (default: the caller).
import { reactive, ref } from 'vue';
import {
  listMediators, openMediation, toFen, type ClaimKind, type EmployerRef, type MediationDetail, type Mediator,
} from '@/api/labour';
import { describeError } from '@/api/client';
import { useSessionStore } from '@/stores/session';
import { useServerErrors } from '@/utils/form-errors';
import { today } from '../shared/days';

const FIELDS = ['worker_id_number', 'worker_name', 'worker_phone', 'employer_id', 'employer_name',
  'employer_credit_code', 'unit_code', 'claim_kind', 'claim', 'claim_amount_fen', 'received_day', 'mediator_id'] as const;

function blank() {
  return {
    workerName: '', workerId: '', workerPhone: '',
    registered: true, employerId: null as number | null, employerName: '', creditCode: '',
    claimKind: 'wages' as ClaimKind, claim: '', amount: '', receivedDay: today(), mediatorId: null as number | null,
  };
}

export function useNewMediation() {
  const session = useSessionStore();
  const form = reactive(blank());
  const mediators = ref<Mediator[]>([]);
  const mediatorsError = ref('');
  const saving = ref(false);
  const { fieldErrors, formError, clear, show } = useServerErrors(FIELDS);

  async function loadMediators(unit: string) {
    mediatorsError.value = '';
    try {
      mediators.value = unit ? (await listMediators(unit)).items : [];
    } catch (e) {
      mediators.value = [];
      mediatorsError.value = describeError(e);
    }
  }

  function reset() {
    Object.assign(form, blank());
    clear();
    void loadMediators(session.me?.account.unit_code ?? '');
  }

  function onEmployer(e: EmployerRef | null) {
    form.mediatorId = null;
    void loadMediators(e?.unit_code ?? session.me?.account.unit_code ?? '');
  }

  async function save(): Promise<MediationDetail | null> {
    if (saving.value) return null;
    const amount = toFen(form.amount);
    if (form.amount.trim() !== '' && amount === undefined) {
      fieldErrors.claim_amount_fen = '请输入金额(元),最多两位小数';
      return null;
    }
    saving.value = true;
    clear();
    try {
      const m = await openMediation({
        worker_name: form.workerName.trim(), worker_id_number: form.workerId.trim(), worker_phone: form.workerPhone.trim(),
        ...(form.registered && form.employerId !== null ? { employer_id: form.employerId }
          : { employer_name: form.employerName.trim(), employer_credit_code: form.creditCode.trim() }),
        claim_kind: form.claimKind, claim: form.claim.trim(), received_day: form.receivedDay,
        ...(amount !== undefined ? { claim_amount_fen: amount } : {}),
        ...(form.mediatorId !== null ? { mediator_id: form.mediatorId } : {}),
      });
      Object.assign(form, blank());  // nothing of the worker stays in the page
      return m;
    } catch (e) {
      show(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { form, mediators, mediatorsError, saving, fieldErrors, formError, reset, onEmployer, save };
}
