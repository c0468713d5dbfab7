// 劳动关系 (docs/api/labour.md; policy annex 一(三), annex 二): the yearly
// employer survey with its progress, labour-dispute mediation (the fifteen
// days of 劳动争议调解仲裁法 第十四条), hazards with follow-ups, and referrals
// to labour inspection. Lists carry the worker masked; revealWorker opens
// them in full, and the server audits that. Money is in fen (分).
import { buildQuery, request } from './client';

export interface EmployerRef {
  id: number;
  name: string;
  credit_code: string;
  unit_code: string;
  unit_name: string;
}

export type ReferralState = 'sent' | 'acknowledged' | 'closed';
export interface ReferralMark {
  id: number;
  state: ReferralState;
  state_name: string;
}

// --- 用工单位统计调查 ---
export interface SurveyForm {
  employees: number;
  local_employees: number;
  nonlocal_employees: number;
  contracts: number;
  hired: number;
  left_count: number;
  vacancies: number;
  wage_arrears: boolean;
  insured: number;
  needs: string;
}
export interface Survey extends SurveyForm {
  id: number;
  employer: EmployerRef;
  year: number;
  submitted_by_name: string;
  submitted_at: number;
  updated_by_name: string;
  updated_at: number;
  version: number;
}
export interface SurveyLine {
  employer: EmployerRef;
  survey: Survey | null;  // null: not surveyed this year
}
export interface SurveyOverview {
  year: number;
  total: number;
  surveyed: number;
  items: SurveyLine[];  // the not surveyed first
}

// --- 劳动争议调解 ---
export type ClaimKind = 'wages' | 'contract' | 'social_insurance' | 'injury' | 'dismissal' | 'other';
export type MediationState = 'open' | 'agreed' | 'failed' | 'withdrawn';
export type SessionResult = 'progress' | 'deadlock' | 'absent';
export type MediationOutcome = 'agreed' | 'failed' | 'withdrawn';

export interface Mediation {
  id: number;
  case_no: string;
  unit_code: string;
  unit_name: string;
  worker_name: string;       // masked
  worker_id_number: string;  // masked
  worker_phone: string;      // masked
  employer_id: number | null;
  employer_name: string;
  employer_credit_code: string;
  claim_kind: ClaimKind;
  claim_kind_name: string;
  claim_amount_fen: number | null;
  received_day: string;
  due_day: string;           // received_day + 15 calendar days
  state: MediationState;
  state_name: string;
  mediator_id: number;
  mediator_name: string;
  agreed_amount_fen: number | null;
  performance_due_day: string;
  outcome_note: string;
  closed_day: string;
  late: boolean;             // agreed after the due day, both parties consenting
  overdue: boolean;          // open past the due day
  session_count: number;
  referral: ReferralMark | null;
  created_at: number;
  version: number;
}
export interface MediationSession {
  id: number;
  day: string;
  attendees: string;
  notes: string;
  result: SessionResult;
  result_name: string;
  by_name: string;
  created_at: number;
}
export interface MediationDetail extends Mediation {
  claim: string;
  agreement: string;
  sessions: MediationSession[];
}
export interface MediationInput {
  worker_id_number: string;
  worker_name: string;
  worker_phone: string;
  employer_id?: number;
  employer_name?: string;
  employer_credit_code?: string;
  unit_code?: string;
  claim_kind: ClaimKind;
  claim: string;
  claim_amount_fen?: number;
  received_day?: string;
  mediator_id?: number;
}
export interface SessionInput {
  day?: string;
  attendees: string;
  notes?: string;
  result: SessionResult;
}
export interface OutcomeInput {
  outcome: MediationOutcome;
  agreement?: string;
  agreed_amount_fen?: number;
  performance_due_day?: string;
  note?: string;
  extended?: boolean;  // both parties agreed to mediate beyond the fifteen days
}
export interface Worker {
  name: string;
  id_number: string;
  phone: string;
}
export interface Mediator {
  account_id: number;
  name: string;
  unit_name: string;
  self: boolean;
}

// --- 矛盾隐患排查 ---
export type HazardKind = 'wage_arrears' | 'mass_dispute' | 'contract' | 'social_insurance' | 'other';
export type Risk = 'low' | 'medium' | 'high';
export type HazardState = 'open' | 'resolved';
export interface Hazard {
  id: number;
  unit_code: string;
  unit_name: string;
  employer_id: number | null;
  employer_name: string;
  kind: HazardKind;
  kind_name: string;
  risk: Risk;
  risk_name: string;
  description: string;
  measures: string;
  people: number;
  found_day: string;
  next_followup_day: string;
  last_followup_day: string;
  state: HazardState;
  state_name: string;
  resolved_day: string;
  result: string;
  followup_overdue: boolean;  // high risk, open, no follow-up for more than 7 days
  referral: ReferralMark | null;
  created_at: number;
  version: number;
}
export interface Followup {
  id: number;
  day: string;
  note: string;
  by_name: string;
  created_at: number;
}
export interface HazardDetail extends Hazard {
  followups: Followup[];
}
export interface HazardInput {
  unit_code?: string;
  employer_id?: number;
  employer_name?: string;
  kind: HazardKind;
  risk: Risk;
  description: string;
  measures?: string;
  people?: number;
  found_day?: string;
  next_followup_day?: string;
}

// --- 移送劳动保障监察 ---
export type SourceKind = 'hazard' | 'mediation' | 'complaint';
export interface Referral {
  id: number;
  source_kind: SourceKind;
  source_kind_name: string;
  source_id: number | null;
  source_ref: string;
  unit_code: string;
  unit_name: string;
  reason: string;
  referred_day: string;
  state: ReferralState;
  state_name: string;
  inspection_ref: string;
  acknowledged_day: string;
  closed_day: string;
  result: string;
  created_by_name: string;
  created_at: number;
  version: number;
}
export interface ReferralInput {
  source_kind: SourceKind;
  source_id?: number;
  source_ref?: string;
  unit_code?: string;
  reason: string;
  referred_day?: string;
}

export const CLAIM_KIND_LABELS: Record<ClaimKind, string> = {
  wages: '劳动报酬', contract: '劳动合同', social_insurance: '社会保险', injury: '工伤待遇',
  dismissal: '解除终止与经济补偿', other: '其他',
};
export const MEDIATION_STATE_LABELS: Record<MediationState, string> = {
  open: '调解中', agreed: '达成协议', failed: '调解不成', withdrawn: '撤回申请',
};
export const SESSION_RESULT_LABELS: Record<SessionResult, string> = {
  progress: '有进展，继续调解', deadlock: '分歧较大', absent: '当事人未到场',
};
export const OUTCOME_LABELS: Record<MediationOutcome, string> = {
  agreed: '达成调解协议', failed: '调解不成（告知申请仲裁）', withdrawn: '撤回申请',
};
export const HAZARD_KIND_LABELS: Record<HazardKind, string> = {
  wage_arrears: '欠薪', mass_dispute: '群体性', contract: '劳动合同', social_insurance: '社保缴纳', other: '其他',
};
export const RISK_LABELS: Record<Risk, string> = { low: '低', medium: '中', high: '高' };
export const REFERRAL_STATE_LABELS: Record<ReferralState, string> = {
  sent: '已移送', acknowledged: '监察已接收', closed: '已办结',
};

// Yuan typed by people (e.g. "12000.5") to fen; undefined when blank or not money.
export function toFen(yuan: string): number | undefined {
  const t = yuan.trim();
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return undefined;
  return Math.round(Number(t) * 100);
}
export function formatYuan(fen: number | null): string {
  if (fen === null) return '—';
  return `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} 元`;
}

const base = '/api/labour';


export const surveyOverview = (year: number, missing = false) =>
  request<SurveyOverview>(`${base}/surveys${buildQuery({ year, missing: missing ? 1 : undefined })}`);
export const getSurvey = (id: number) => request<Survey>(`${base}/surveys/${id}`);
export const submitSurvey = (employerId: number, year: number, form: SurveyForm) =>
  request<Survey>(`${base}/surveys`, { method: 'POST', body: { employer_id: employerId, year, ...form } });
export const updateSurvey = (id: number, version: number, form: SurveyForm) =>
  request<Survey>(`${base}/surveys/${id}`, { method: 'PUT', body: { version, ...form } });

export const listMediations = (filter: { state?: MediationState | ''; overdue?: boolean } = {}) =>
  request<{ items: Mediation[] }>(`${base}/mediations${buildQuery({ state: filter.state, overdue: filter.overdue ? 1 : undefined })}`);
export const getMediation = (id: number) => request<MediationDetail>(`${base}/mediations/${id}`);
export const openMediation = (input: MediationInput) =>
  request<MediationDetail>(`${base}/mediations`, { method: 'POST', body: input });
export const addSession = (id: number, input: SessionInput) =>
  request<MediationDetail>(`${base}/mediations/${id}/sessions`, { method: 'POST', body: input });
export const closeMediation = (id: number, input: OutcomeInput) =>
  request<MediationDetail>(`${base}/mediations/${id}/outcome`, { method: 'POST', body: input });
export const revealWorker = (id: number) => request<Worker>(`${base}/mediations/${id}/worker`, { method: 'POST' });
export const listMediators = (unit: string) => request<{ items: Mediator[] }>(`${base}/mediators${buildQuery({ unit })}`);

export const listHazards = (filter: { state?: HazardState | ''; risk?: Risk | ''; flagged?: boolean } = {}) =>
  request<{ items: Hazard[] }>(`${base}/hazards${buildQuery({
    state: filter.state, risk: filter.risk, flagged: filter.flagged ? 1 : undefined,
  })}`);
export const getHazard = (id: number) => request<HazardDetail>(`${base}/hazards/${id}`);
export const createHazard = (input: HazardInput) => request<HazardDetail>(`${base}/hazards`, { method: 'POST', body: input });
export const addFollowup = (id: number, input: { day?: string; note: string; next_followup_day?: string }) =>
  request<HazardDetail>(`${base}/hazards/${id}/followups`, { method: 'POST', body: input });
export const resolveHazard = (id: number, input: { day?: string; result: string }) =>
  request<HazardDetail>(`${base}/hazards/${id}/resolve`, { method: 'POST', body: input });

export const listReferrals = (state: ReferralState | '' = '') =>
  request<{ items: Referral[] }>(`${base}/referrals${buildQuery({ state })}`);
export const refer = (input: ReferralInput) => request<Referral>(`${base}/referrals`, { method: 'POST', body: input });
export const acknowledgeReferral = (id: number, input: { day?: string; inspection_ref?: string } = {}) =>
  request<Referral>(`${base}/referrals/${id}/acknowledge`, { method: 'POST', body: input });
export const closeReferral = (id: number, input: { day?: string; result: string }) =>
  request<Referral>(`${base}/referrals/${id}/close`, { method: 'POST', body: input });
