// 登记人员 (retiree.write): a retiree or a person drawing a work-injury
// benefit, in a community of the caller. The server seals the person and
// answers with the masked entry; nothing personal stays in the form.
import { reactive, ref } from 'vue';
import { addRetiree, type BenefitKind, type Retiree, type RetireeKind } from '@/api/retirees';
import { useServerErrors } from '@/utils/form-errors';

const FIELDS = ['kind', 'unit_code', 'id_number', 'name', 'phone', 'address', 'start_day', 'former_employer',
  'benefit_kind', 'injury_level'] as const;

function blank() {
  return {
    kind: 'retiree' as RetireeKind,
    unit_code: '',
    id_number: '',
    name: '',
    phone: '',
    address: '',
    start_day: '',
    former_employer: '',
    benefit_kind: '' as BenefitKind | '',
    injury_level: null as number | null,
  };
}

export function useAddRetiree() {
  const form = reactive(blank());
  const saving = ref(false);
  const { fieldErrors, formError, clear, show } = useServerErrors(FIELDS);

  function reset(unit = '') {
    Object.assign(form, blank(), { unit_code: unit });
    clear();
  }

  async function save(): Promise<Retiree | null> {
    if (saving.value) return null;
    saving.value = true;
    clear();
    try {
      const injury = form.kind === 'work_injury';
      const added = await addRetiree({
        kind: form.kind,
        unit_code: form.unit_code,
        id_number: form.id_number.trim().toUpperCase(),
        name: form.name.trim(),
        phone: form.phone.trim(),
        address: form.address.trim(),
        start_day: form.start_day,
        former_employer: form.former_employer.trim(),
        ...(injury && form.benefit_kind ? { benefit_kind: form.benefit_kind } : {}),
        ...(injury && form.injury_level !== null && form.benefit_kind !== 'dependant_pension'
          ? { injury_level: form.injury_level } : {}),
      });
      reset(form.unit_code);
      return added;
    } catch (e) {
      show(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { form, saving, fieldErrors, formError, reset, save };
}
