// 退休人员与工伤待遇人员社会化管理 (docs/api/retirees.md; policy 附件一(二), 附件二,
// 三(七)): the registry of a community (people masked; revealRetiree opens one,
// audited), yearly contacts, activities, and the death report with its 复核
// by another formal staff member, which alone stops benefits.
import { buildQuery, request } from './client';

export type RetireeKind = 'retiree' | 'work_injury';
export type RetireeStatus = 'active' | 'death_reported' | 'deceased';
export type BenefitKind = 'disability_allowance' | 'nursing_care' | 'dependant_pension';
export type ContactMethod = 'visit' | 'phone' | 'walk_in' | 'other';
export type ActivityKind = 'culture' | 'health' | 'policy' | 'other';
export type DeathSource = 'family' | 'police' | 'hospital' | 'other';
export type DeathReportState = 'open' | 'confirmed' | 'rejected';

export interface Retiree {
  id: number;
  kind: RetireeKind;
  kind_name: string;
  unit_code: string;         // the community
  unit_name: string;
  id_number: string;         // masked
  name: string;              // masked
  phone: string;             // masked; "" when none
  address: string;           // masked; "" when none
  gender: 'M' | 'F';
  gender_name: string;
  birth_year: number;
  injury_level: number | null;  // work_injury: 1..10 级
  benefit_kind: BenefitKind | '';
  benefit_kind_name: string;
  start_day: string;
  former_employer: string;
  status: RetireeStatus;
  status_name: string;
  benefits_active: boolean;
  death_day: string | null;
  benefit_stop_day: string | null;
  last_contact_day: string | null;
  uncontacted_this_year: boolean;  // 本年度未联系
  created_at: number;
  version: number;
}

export interface Contact {
  id: number;
  day: string;
  method: ContactMethod;
  method_name: string;
  note: string;
  by_name: string;           // masked
  created_at: number;
}

export interface DeathReport {
  id: number;
  death_day: string;
  source: DeathSource;
  source_name: string;
  note: string;
  state: DeathReportState;
  reported_by_name: string;  // masked
  reported_by_self: boolean; // the caller reported it: someone else rechecks
  reported_at: number;
  checked_by_name: string;
  checked_at: number | null;
  reject_reason: string;
  benefit_stop_day: string | null;
}

export interface Activity {
  id: number;
  unit_code: string;
  unit_name: string;
  kind: ActivityKind;
  kind_name: string;
  title: string;
  day: string;
  place: string;
  content: string;
  participant_count: number;
  created_at: number;
}

export interface ActivityDetail extends Activity {
  participants: Retiree[];   // those within the caller's scope
}

export interface RetireeDetail extends Retiree {
  contacts: Contact[];
  activities: Activity[];
  death_reports: DeathReport[];
}

export interface RetireeInput {
  kind: RetireeKind;
  unit_code: string;
  id_number: string;
  name: string;
  phone?: string;
  address?: string;
  start_day: string;
  former_employer?: string;
  benefit_kind?: BenefitKind;
  injury_level?: number;
}

export interface Person {
  id_number: string;
  name: string;
  phone: string;
  address: string;
}

export interface RetireeFilter {
  unit?: string;
  kind?: RetireeKind | '';
  status?: RetireeStatus | '';
  uncontacted?: boolean;
}

export interface ActivityInput {
  unit_code: string;
  kind: ActivityKind;
  title: string;
  day: string;
  place: string;
  content?: string;
  participants: number[];
}

export const KIND_LABELS: Record<RetireeKind, string> = { retiree: '退休人员', work_injury: '工伤待遇人员' };
export const STATUS_LABELS: Record<RetireeStatus, string> = {
  active: '正常', death_reported: '死亡待复核', deceased: '已故',
};
export const BENEFIT_LABELS: Record<BenefitKind, string> = {
  disability_allowance: '伤残津贴', nursing_care: '生活护理费', dependant_pension: '供养亲属抚恤金',
};
export const METHOD_LABELS: Record<ContactMethod, string> = { visit: '上门', phone: '电话', walk_in: '来访', other: '其他' };
export const ACTIVITY_LABELS: Record<ActivityKind, string> = {
  culture: '文体活动', health: '健康讲座', policy: '政策宣传', other: '其他',
};
export const SOURCE_LABELS: Record<DeathSource, string> = {
  family: '家属告知', police: '公安', hospital: '医院', other: '其他',
};

const base = '/api/retirees';

export const listRetirees = (f: RetireeFilter = {}) =>
  request<{ items: Retiree[] }>(`${base}${buildQuery({
    unit: f.unit, kind: f.kind, status: f.status, uncontacted: f.uncontacted ? 1 : undefined,
  })}`);
export const addRetiree = (input: RetireeInput) => request<Retiree>(base, { method: 'POST', body: input });
export const getRetiree = (id: number) => request<RetireeDetail>(`${base}/${id}`);
export const revealRetiree = (id: number) => request<Person>(`${base}/${id}/reveal`, { method: 'POST' });
export const addContact = (id: number, input: { day: string; method: ContactMethod; note?: string }) =>
  request<RetireeDetail>(`${base}/${id}/contacts`, { method: 'POST', body: input });
export const reportDeath = (id: number, input: { death_day: string; source: DeathSource; note?: string }) =>
  request<RetireeDetail>(`${base}/${id}/death-report`, { method: 'POST', body: input });
export const recheckDeath = (id: number, decision: 'confirm' | 'reject', reason = '') =>
  request<RetireeDetail>(`${base}/${id}/death-report/recheck`, { method: 'POST', body: { decision, reason } });

export const listActivities = (unit = '') =>
  request<{ items: Activity[] }>(`/api/retiree-activities${buildQuery({ unit })}`);
export const addActivity = (input: ActivityInput) =>
  request<ActivityDetail>('/api/retiree-activities', { method: 'POST', body: input });
export const getActivity = (id: number) => request<ActivityDetail>(`/api/retiree-activities/${id}`);
