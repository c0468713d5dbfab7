// 发布岗位 for one employer (附件一(一) 职业介绍; 公益性岗位 for 托底安置).
import { reactive, ref } from 'vue';
import { addVacancy, type Vacancy } from '@/api/employment';
import { useServerErrors } from '@/utils/form-errors';
import { VACANCY_FIELDS, blankVacancy, salaryProblem, vacancyBody, type VacancyForm } from './form';

export function useVacancyForm() {
  const form = reactive<VacancyForm>(blankVacancy());
  const saving = ref(false);
  const { fieldErrors, formError, clear, show } = useServerErrors(VACANCY_FIELDS);

  function reset() {
    clear();
    Object.assign(form, blankVacancy());
  }

  async function save(employerId: number): Promise<Vacancy | null> {
    if (saving.value) return null;
    clear();
    if (form.title.trim() === '') {
      fieldErrors.title = '请填写岗位名称';
      return null;
    }
    const salary = salaryProblem(form);
    if (salary) {
      fieldErrors.salary_max = salary;
      return null;
    }
    saving.value = true;
    try {
      return await addVacancy(vacancyBody(employerId, form));
    } catch (e) {
      show(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { form, saving, fieldErrors, formError, reset, save };
}
