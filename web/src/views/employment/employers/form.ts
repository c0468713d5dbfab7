// The forms of the 用人单位 page as plain data, and the bodies the server
// takes (docs/api/employment.md "Employers", "Vacancies"). Pure, so they are
// tested without a browser.
import type { Employer, EmployerInput, VacancyInput } from '@/api/employment';

export interface EmployerForm {
  credit_code: string;
  name: string;
  industry: string;
  address: string;
  unit_code: string;
  contact_name: string;
  contact_phone: string;
  employees: number | undefined;
}

export const EMPLOYER_FIELDS = [
  'credit_code', 'name', 'industry', 'address', 'unit_code', 'contact_name', 'contact_phone', 'employees', 'version',
] as const;

export function blankEmployer(unitCode = ''): EmployerForm {
  return { credit_code: '', name: '', industry: '', address: '', unit_code: unitCode, contact_name: '',
    contact_phone: '', employees: undefined };
}

// The edit form of a stored employer: the contact is kept sealed on the
// server and comes masked, so its fields start empty ("" keeps it).
export function employerFormOf(e: Employer): EmployerForm {
  return { credit_code: e.credit_code, name: e.name, industry: e.industry, address: e.address,
    unit_code: e.unit_code, contact_name: '', contact_phone: '', employees: e.employees };
}

// The body of POST /api/employers (no `editing`) or PATCH /api/employers/:id.
// The credit code is sent only when adding: it never changes.
export function employerBody(form: EmployerForm, editing?: Pick<Employer, 'version'>): EmployerInput {
  const body: EmployerInput = {
    name: form.name.trim(),
    industry: form.industry.trim(),
    address: form.address.trim(),
    unit_code: form.unit_code,
    contact_name: form.contact_name.trim(),
    contact_phone: form.contact_phone.replace(/\s+/g, ''),
    employees: form.employees ?? 0,
  };
  if (editing) body.version = editing.version;
  else body.credit_code = form.credit_code.trim().toUpperCase();
  return body;
}

export interface VacancyForm {
  title: string;
  skills: string[];
  headcount: number;
  salary_min: number | null;
  salary_max: number | null;
  education: string;
  location: string;
  welfare: boolean;
}

export const VACANCY_FIELDS = [
  'employer_id', 'title', 'skills', 'headcount', 'salary_min', 'salary_max', 'education', 'location', 'welfare',
] as const;

export const EDUCATIONS = ['不限', '初中', '高中/中专', '大专', '本科', '研究生'] as const;

export function blankVacancy(): VacancyForm {
  return { title: '', skills: [], headcount: 1, salary_min: null, salary_max: null, education: '', location: '',
    welfare: false };
}

// Skills trimmed, empty ones and repeats dropped, in the order typed.
export function cleanSkills(skills: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of skills) {
    const t = s.trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

// el-input-number gives undefined (or null) when cleared: no bound then.
function amount(v: number | null | undefined): number | null {
  return v === null || v === undefined || Number.isNaN(v) ? null : Math.round(v);
}

export function vacancyBody(employerId: number, form: VacancyForm): VacancyInput {
  const body: VacancyInput = {
    employer_id: employerId,
    title: form.title.trim(),
    skills: cleanSkills(form.skills),
    headcount: form.headcount,
    education: form.education === '不限' ? '' : form.education.trim(),
    location: form.location.trim(),
    welfare: form.welfare,
  };
  const min = amount(form.salary_min);
  const max = amount(form.salary_max);
  if (min !== null) body.salary_min = min;
  if (max !== null) body.salary_max = max;
  return body;
}

// A check before sending, in the server's words; "" when nothing is wrong.
export function salaryProblem(form: Pick<VacancyForm, 'salary_min' | 'salary_max'>): string {
  const min = amount(form.salary_min);
  const max = amount(form.salary_max);
  return min !== null && max !== null && min > max ? '最低月薪不能高于最高月薪' : '';
}
