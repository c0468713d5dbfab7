// One employer's form of a year: new (POST) or edited with its version (PUT).
import { reactive, ref } from 'vue';
import { submitSurvey, updateSurvey, type SurveyForm, type SurveyLine } from '@/api/labour';
import { useServerErrors } from '@/utils/form-errors';

export const COUNT_FIELDS = [
  ['employees', '年末职工人数'], ['local_employees', '其中本市'], ['nonlocal_employees', '其中外埠'],
  ['contracts', '签订劳动合同人数'], ['insured', '参加社会保险人数'], ['hired', '本年招用'],
  ['left_count', '本年离职'], ['vacancies', '空缺岗位'],
] as const;
const FIELDS = [...COUNT_FIELDS.map(([f]) => f), 'wage_arrears', 'needs', 'year', 'employer_id'] as const;

function blank(): SurveyForm {
  return { employees: 0, local_employees: 0, nonlocal_employees: 0, contracts: 0, hired: 0, left_count: 0,
    vacancies: 0, wage_arrears: false, insured: 0, needs: '' };
}

export function useSurveyForm() {
  const form = reactive<SurveyForm>(blank());
  const saving = ref(false);
  const { fieldErrors, formError, clear, show } = useServerErrors(FIELDS);

  function fill(line: SurveyLine) {
    clear();
    const s = line.survey;
    Object.assign(form, s ? Object.fromEntries(Object.keys(blank()).map((k) => [k, s[k as keyof SurveyForm]])) : blank());
  }

  async function save(line: SurveyLine, year: number) {
    if (saving.value) return null;
    saving.value = true;
    clear();
    try {
      const body = { ...form, needs: form.needs.trim() };
      return line.survey ? await updateSurvey(line.survey.id, line.survey.version, body)
        : await submitSurvey(line.employer.id, year, body);
    } catch (e) {
      show(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { form, saving, fieldErrors, formError, fill, save };
}
