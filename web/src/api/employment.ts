// 劳动力资源台账 and 就业服务 (docs/api/employment.md; issue 12, items 1-2; policy
// 附件一(一), 附件二): employers, the residents' registry with follow-up visits,
// vacancies and matching, referrals, guidance and training, 公益性岗位
// placements, and the figures. People come masked; revealResident opens the
// phone and address for a call or a visit, and the server audits it.
import { buildQuery, request } from './client';

export type EmploymentStatus = 'employed' | 'unemployed' | 'flexible' | 'hardship';
export type HardshipCategory = 'zero_family' | 'low_income' | 'disabled' | 'long_term' | 'age_4050' | 'rural' | 'other';
export type Need = 'job' | 'training' | 'policy';
export type VisitMethod = 'home' | 'phone' | 'office' | 'online';
export type Household = 'urban' | 'rural';
export type ReferralState = 'referred' | 'hired' | 'declined' | 'rejected' | 'no_show';
export type ReferralOutcome = Exclude<ReferralState, 'referred'>;

export const STATUS_LABELS: Record<EmploymentStatus, string> = {
  employed: '就业', unemployed: '失业登记', flexible: '灵活就业', hardship: '就业困难',
};
export const CATEGORY_LABELS: Record<HardshipCategory, string> = {
  zero_family: '零就业家庭成员', low_income: '城乡低保人员', disabled: '残疾人', long_term: '连续失业一年以上',
  age_4050: '大龄失业人员(女40、男50周岁以上)', rural: '农村转移就业困难劳动力', other: '其他',
};
export const NEED_LABELS: Record<Need, string> = { job: '求职', training: '培训', policy: '政策咨询' };
export const METHOD_LABELS: Record<VisitMethod, string> = {
  home: '入户走访', phone: '电话回访', office: '来访', online: '网络联系',
};
export const HOUSEHOLD_LABELS: Record<Household, string> = { urban: '城镇', rural: '农村' };
export const OUTCOME_LABELS: Record<ReferralOutcome, string> = {
  hired: '已录用', declined: '本人放弃', rejected: '单位未录用', no_show: '未到场',
};

export interface Coded<T extends string = string> { code: T; name: string }

export interface Employer {
  id: number;
  credit_code: string;
  name: string;
  industry: string;
  address: string;
  unit_code: string;
  unit_name: string;
  contact_name: string;   // masked
  contact_phone: string;  // masked
  employees: number;
  open_vacancies: number;
  version: number;
}
export interface EmployerInput {
  credit_code?: string;  // when adding only
  name: string;
  industry?: string;
  address?: string;
  unit_code: string;
  contact_name?: string;   // "" keeps the stored one
  contact_phone?: string;
  employees?: number;
  version?: number;        // when updating
}

export interface Resident {
  id: number;
  unit_code: string;
  unit_name: string;
  id_number: string;  // masked
  name: string;       // masked
  phone: string;      // masked
  address: string;    // masked
  gender: 'M' | 'F';
  gender_name: string;
  age: number;
  household: Household;
  household_name: string;
  education: string;
  status: EmploymentStatus;
  status_name: string;
  hardship_category: HardshipCategory | '';
  hardship_category_name: string;
  registered_day: string;
  skills: string[];
  needs: Coded<Need>[];
  desired_job: string;
  last_visit_day: string;
  next_visit_day: string;
  visit_due: boolean;
  updated_at: number;
  version: number;
}
export interface Visit {
  id: number;
  visit_day: string;
  method: VisitMethod;
  method_name: string;
  status_before: EmploymentStatus;
  status_after: EmploymentStatus;
  status_after_name: string;
  needs: Coded<Need>[];
  note: string;
  next_visit_day: string;
  visited_by: string;
  created_at: number;
}
export interface Referral {
  id: number;
  resident_id: number;
  vacancy_id: number;
  resident_name: string;
  vacancy_title: string;
  employer_name: string;
  welfare: boolean;
  state: ReferralState;
  state_name: string;
  referred_day: string;
  outcome_day: string;
  note: string;
  version: number;
}
export interface Guidance {
  id: number;
  resident_id: number;
  kind: 'guidance' | 'training';
  kind_name: string;
  day: string;
  topic: string;
  provider: string;
  state: 'done' | 'referred' | 'enrolled' | 'completed' | 'dropped';
  state_name: string;
  note: string;
  by_name: string;
  version: number;
}
export interface Placement {
  id: number;
  resident_id: number;
  vacancy_id: number;
  resident_name: string;
  vacancy_title: string;
  employer_name: string;
  start_day: string;
  subsidy_end_day: string;
  state: 'active' | 'ended';
  state_name: string;
  end_day: string;
  end_reason: string;
  flag: 'ending' | 'expired' | '';
  flag_name: string;
  version: number;
}
export interface ResidentDetail extends Resident {
  visits: Visit[];
  referrals: Referral[];
  guidance: Guidance[];
  placements: Placement[];
}
export interface ResidentInput {
  id_number?: string;  // when adding only
  name?: string;       // when adding only
  unit_code?: string;
  phone?: string;      // "" keeps the stored one
  address?: string;
  household?: Household;
  education?: string;
  status: EmploymentStatus;
  hardship_category?: HardshipCategory | '';
  registered_day?: string;
  desired_job?: string;
  skills?: string[];
  needs?: Need[];
  version?: number;
}
export interface VisitInput {
  version: number;
  method: VisitMethod;
  note: string;
  visit_day?: string;       // default today
  status?: EmploymentStatus;
  hardship_category?: HardshipCategory | '';
  registered_day?: string;
  needs: Need[];
  skills?: string[];
  desired_job?: string;
  next_visit_day?: string;  // default by status: 30 / 90 days, none when employed
}
export interface Contact { id_number: string; name: string; phone: string; address: string }

export interface Vacancy {
  id: number;
  employer_id: number;
  employer_name: string;
  title: string;
  skills: string[];
  education: string;
  location: string;
  headcount: number;
  filled: number;
  salary_min: number | null;
  salary_max: number | null;
  welfare: boolean;
  state: 'open' | 'closed';
  state_name: string;
  open_day: string;
  close_day: string;
  referrals_open: number;
  version: number;
}
export interface VacancyInput {
  employer_id: number;
  title: string;
  skills?: string[];
  headcount?: number;
  salary_min?: number | null;
  salary_max?: number | null;
  education?: string;
  location?: string;
  welfare?: boolean;
}
export interface Match { score: number; reasons: string[] }

export interface UnitFigures {
  unit_code: string;
  unit_name: string;
  residents: number;
  employed: number;
  unemployed: number;
  flexible: number;
  hardship: number;
  rural: number;
  visits_month: number;
  visits_due: number;
  referrals_month: number;
  hired_month: number;
  placements_active: number;
}
export interface Summary { total: UnitFigures; units: UnitFigures[]; open_vacancies: number; open_posts: number }

export interface ResidentFilter { status?: EmploymentStatus | ''; unit?: string; need?: Need | ''; due?: boolean }

// Employers
export const listEmployers = (q = '') => request<{ items: Employer[] }>(`/api/employers${buildQuery({ q })}`);
export const getEmployer = (id: number) => request<Employer>(`/api/employers/${id}`);
export const addEmployer = (input: EmployerInput) => request<Employer>('/api/employers', { method: 'POST', body: input });
export const updateEmployer = (id: number, input: EmployerInput) =>
  request<Employer>(`/api/employers/${id}`, { method: 'PATCH', body: input });

// The registry
export const listResidents = (f: ResidentFilter = {}) =>
  request<{ items: Resident[] }>(`/api/residents${buildQuery({ status: f.status, unit: f.unit, need: f.need, due: f.due ? 1 : null })}`);
export const getResident = (id: number) => request<ResidentDetail>(`/api/residents/${id}`);
export const findResident = (idNumber: string) =>
  request<ResidentDetail>('/api/residents/find', { method: 'POST', body: { id_number: idNumber } });
export const addResident = (input: ResidentInput) =>
  request<ResidentDetail>('/api/residents', { method: 'POST', body: input });
export const updateResident = (id: number, input: ResidentInput) =>
  request<ResidentDetail>(`/api/residents/${id}`, { method: 'PATCH', body: input });
export const revealResident = (id: number) => request<Contact>(`/api/residents/${id}/reveal`, { method: 'POST' });
export const recordVisit = (id: number, input: VisitInput) =>
  request<ResidentDetail>(`/api/residents/${id}/visits`, { method: 'POST', body: input });
export const residentMatches = (id: number) =>
  request<{ items: { vacancy: Vacancy; match: Match }[] }>(`/api/residents/${id}/matches`);
export const addGuidance = (id: number, input: { kind: 'guidance' | 'training'; topic: string; provider?: string; day?: string; note?: string }) =>
  request<Guidance>(`/api/residents/${id}/guidance`, { method: 'POST', body: input });
export const moveTraining = (id: number, input: { version: number; state: 'enrolled' | 'completed' | 'dropped'; note?: string }) =>
  request<Guidance>(`/api/guidance/${id}/state`, { method: 'POST', body: input });

// Vacancies, matching, referrals
export const listVacancies = (f: { state?: 'open' | 'closed' | 'all'; welfare?: boolean; employer?: number } = {}) =>
  request<{ items: Vacancy[] }>(`/api/vacancies${buildQuery({ state: f.state, welfare: f.welfare === undefined ? null : f.welfare ? 1 : 0, employer: f.employer })}`);
export const addVacancy = (input: VacancyInput) => request<Vacancy>('/api/vacancies', { method: 'POST', body: input });
export const closeVacancy = (id: number) => request<Vacancy>(`/api/vacancies/${id}/close`, { method: 'POST' });
export const vacancyMatches = (id: number) =>
  request<{ vacancy: Vacancy; items: { resident: Resident; match: Match }[] }>(`/api/vacancies/${id}/matches`);
export const listReferrals = (state: ReferralState | '' = '') =>
  request<{ items: Referral[] }>(`/api/referrals${buildQuery({ state })}`);
export const refer = (residentId: number, vacancyId: number, note = '') =>
  request<Referral>('/api/referrals', { method: 'POST', body: { resident_id: residentId, vacancy_id: vacancyId, note } });
export const referralOutcome = (id: number, input: { version: number; outcome: ReferralOutcome; note?: string }) =>
  request<Referral>(`/api/referrals/${id}/outcome`, { method: 'POST', body: input });

// 公益性岗位
export const listPlacements = (state: 'active' | 'ended' | 'all' = 'active') =>
  request<{ items: Placement[] }>(`/api/welfare-placements${buildQuery({ state })}`);
export const place = (input: { resident_id: number; vacancy_id: number; start_day?: string; subsidy_end_day?: string }) =>
  request<Placement>('/api/welfare-placements', { method: 'POST', body: input });
export const endPlacement = (id: number, input: { version: number; end_reason: string; end_day?: string }) =>
  request<Placement>(`/api/welfare-placements/${id}/end`, { method: 'POST', body: input });

// Figures
export const employmentSummary = (unit = '') => request<Summary>(`/api/employment/summary${buildQuery({ unit })}`);
