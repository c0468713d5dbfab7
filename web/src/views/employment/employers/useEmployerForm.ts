// 新增单位 / 修改单位: one form for both; the server's field errors land at
// their fields, anything else above the form.
import { reactive, ref } from 'vue';
import { addEmployer, updateEmployer, type Employer } from '@/api/employment';
import { useServerErrors } from '@/utils/form-errors';
import { EMPLOYER_FIELDS, blankEmployer, employerBody, employerFormOf, type EmployerForm } from './form';

export function useEmployerForm() {
  const form = reactive<EmployerForm>(blankEmployer());
  const saving = ref(false);
  const { fieldErrors, formError, clear, show } = useServerErrors(EMPLOYER_FIELDS);

  function reset(editing: Employer | null, defaultUnit: string) {
    clear();
    Object.assign(form, editing ? employerFormOf(editing) : blankEmployer(defaultUnit));
  }

  async function save(editing: Employer | null): Promise<Employer | null> {
    if (saving.value) return null;
    clear();
    if (!editing && form.credit_code.trim() === '') {
      fieldErrors.credit_code = '请填写统一社会信用代码';
      return null;
    }
    if (form.name.trim() === '') {
      fieldErrors.name = '请填写单位名称';
      return null;
    }
    if (form.unit_code === '') {
      fieldErrors.unit_code = '请选择所在街道或社区';
      return null;
    }
    saving.value = true;
    try {
      const body = employerBody(form, editing ?? undefined);
      return editing ? await updateEmployer(editing.id, body) : await addEmployer(body);
    } catch (e) {
      show(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { form, saving, fieldErrors, formError, reset, save };
}
