// Staff, posts and compliance (docs/api/staff.md; issue 9, policy 三(七)(九),
// 四(四)): profiles, dated post assignments, training, attendance, the
// compliance view and window capacity. Dates are Beijing days YYYY-MM-DD.
import { buildQuery, request } from './client';

export type EmploymentCode =
  | 'civil_servant' | 'institution' | 'assistant' | 'community_post' | 'purchased' | 'contract';
export type TrainingKind = 'pre_post' | 'annual';
export type AttendanceStatus = 'on_post' | 'leave' | 'secondment' | 'absent';
export type ViolationRule =
  | 'high_risk_formal_only' | 'incompatible_posts' | 'pre_post_training' | 'already_held' | 'bad_period'
  | 'rotation_due' | 'rotation_over' | 'training_days' | 'window_staffing' | 'on_post_rate' | 'no_profile';

export interface Violation {
  rule: ViolationRule | string;
  clause: string;   // 三(七); "" for rules without one (bad_period, already_held)
  message: string;  // Chinese, for people
}

export interface Assignment {
  id: number;
  account_id: number;
  post: string;
  post_name: string;
  category: string;  // "" = every category
  from: string;
  to: string | null; // inclusive last day; null = still held
  reason: string;
  created_at: number;
}

export interface TrainingRecord {
  id: number;
  course: string;
  kind: TrainingKind;
  day: string;
  days: number;
  passed: boolean;
}

export interface Person {
  account_id: number;
  login: string;
  name: string;        // masked
  badge: string;
  unit_code: string;
  unit_name: string;
  employment: EmploymentCode | null;  // null: no profile yet
  employment_name: string;
  formal: boolean;
  site_id: number | null;
  site_name: string;
  categories: string[];
  hired_on: string;
  version: number;
  posts: Assignment[];   // held today
  training_days: number; // this year
  pre_post_passed: boolean;
  warnings: Violation[];
}

export interface PersonDetail extends Person {
  history: Assignment[];
  training: TrainingRecord[];
  attendance: { day: string; status: AttendanceStatus }[];  // the last 62 days with a record
}

export interface StaffMeta {
  employments: { code: EmploymentCode; name: string; formal: boolean }[];
  posts: { code: string; name: string; high_risk: boolean }[];
  incompatible: { a: string; b: string; same_category_only: boolean; clause: string }[];
}

export interface ProfileInput {
  employment: EmploymentCode;
  site_id?: number | null;
  categories?: string[];
  hired_on?: string;
  version?: number;
}

export interface AssignmentInput {
  post: string;
  category?: string;  // "" = all
  from: string;
  to?: string;
  reason?: string;
}

export interface TrainingInput {
  course: string;
  kind: TrainingKind;
  day: string;
  days: number;   // 0.5..30
  passed: boolean;
}

export interface SiteCompliance {
  site_id: number;
  site_name: string;
  unit_code: string;
  windows: number;
  staff: number;
  ratio: number;
  formal_staff: number;
  on_post_rate: number | null;  // 0..1; null without attendance records
  violations: Violation[];
}

export interface PersonCompliance {
  account_id: number;
  name: string;
  site_name: string;
  violations: Violation[];
}

export interface Compliance {
  month: string;
  sites: SiteCompliance[];
  people: PersonCompliance[];
  totals: { sites: number; people: number; violations: number };
}

export interface CapacityHour {
  hour: number;  // 0..23 Beijing
  arrivals: number;
  mean_service_seconds: number;
  windows_needed: number;
  service_level: number;
  mean_wait_seconds: number;
}

export interface Capacity {
  site_id: number;
  day: string;
  target_share: number;
  target_wait_minutes: number;
  windows_open: number;
  staff_on_roster: number;
  hours: CapacityHour[];
}

// 内控检查 (四(四); annex 一(四)): a sample of a unit's finished cases, each
// judged 无问题 or 发现问题; a finding is due in working days and is closed
// (整改销号) by the unit with its follow-up.
export type CheckResult = 'pending' | 'ok' | 'finding';

export interface InternalCheck {
  id: number;
  unit_code: string;
  unit_name: string;
  from: string;
  to: string;
  sample_size: number;
  checked: number;
  findings: number;
  open_findings: number;
  created_by: number;
  created_at: number;  // ms since the epoch
}

export interface CheckItem {
  id: number;
  case_id: number;
  case_no: string;
  item_name: string;
  status: string;
  outcome: string;
  accepted_day: string;
  result: CheckResult;
  note: string;
}

export interface Finding {
  id: number;
  check_id: number;
  item_id: number;
  case_id: number;
  case_no: string;
  unit_code: string;    // the handling unit
  description: string;
  due_day: string;
  follow_up: string;
  closed_at: number | null;
}

export interface CheckDetail extends InternalCheck {
  items: CheckItem[];
  finding_list: Finding[];
}

export interface CheckInput {
  unit: string;
  from: string;
  to: string;
  sample_size?: number;  // 1..50 (10)
}

export type JudgeInput =
  | { result: 'ok' }
  | { result: 'finding'; note: string; due_days?: number };  // 1..60 working days (10)

export const CHECK_RESULT_LABELS: Record<CheckResult, string> = { pending: '待检查', ok: '无问题', finding: '发现问题' };

export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = { pre_post: '岗前培训', annual: '年度专项培训' };
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  on_post: '在岗', leave: '请假', secondment: '借调', absent: '缺勤',
};
// Short names of the rules, for the chart and tags (the messages say the rest).
export const RULE_LABELS: Record<ViolationRule, string> = {
  high_risk_formal_only: '高风险岗位非编制内',
  incompatible_posts: '不相容岗位',
  pre_post_training: '未经岗前培训',
  already_held: '重复任职',
  bad_period: '任职期间有误',
  rotation_due: '轮岗预警',
  rotation_over: '超期未轮岗',
  training_days: '培训不足5天',
  window_staffing: '窗口人员不足',
  on_post_rate: '编制内到岗率不足',
  no_profile: '经办人员未建档案',
};

const base = '/api/staff';
const enc = encodeURIComponent;

export const getMeta = () => request<StaffMeta>(`${base}/meta`);
export const listStaff = (filter: { unit?: string; site?: number | null } = {}) =>
  request<{ items: Person[] }>(`${base}${buildQuery({ unit: filter.unit, site: filter.site })}`);
export const getPerson = (account: number) => request<PersonDetail>(`${base}/${account}`);
export const saveProfile = (account: number, input: ProfileInput) =>
  request<Person>(`${base}/${account}`, { method: 'PUT', body: input });
export const assignPost = (account: number, input: AssignmentInput) =>
  request<Assignment>(`${base}/${account}/assignments`, { method: 'POST', body: input });
export const endAssignment = (id: number, to: string, reason = '') =>
  request<Assignment>(`${base}/assignments/${id}/end`, { method: 'POST', body: { to, reason } });
export const addTraining = (account: number, input: TrainingInput) =>
  request<TrainingRecord>(`${base}/${account}/training`, { method: 'POST', body: input });
export const setAttendance = (account: number, day: string, status: AttendanceStatus) =>
  request<{ day: string; status: AttendanceStatus }>(`${base}/${account}/attendance/${enc(day)}`,
    { method: 'PUT', body: { status } });
export const getCompliance = (month: string, unit = '') =>
  request<Compliance>(`${base}/compliance${buildQuery({ unit, month })}`);
export const getCapacity = (site: number, day: string, targetShare = 0.8, targetWaitMinutes = 15) =>
  request<Capacity>(`${base}/capacity${buildQuery({
    site, day, target_share: targetShare, target_wait_minutes: targetWaitMinutes,
  })}`);

export const listInternalChecks = () => request<{ items: InternalCheck[] }>(`${base}/internal-checks`);
export const createInternalCheck = (input: CheckInput) =>
  request<CheckDetail>(`${base}/internal-checks`, { method: 'POST', body: input });
export const getInternalCheck = (id: number) => request<CheckDetail>(`${base}/internal-checks/${id}`);
export const judgeCheckItem = (check: number, item: number, input: JudgeInput) =>
  request<CheckDetail>(`${base}/internal-checks/${check}/items/${item}`, { method: 'POST', body: input });
export const closeFinding = (id: number, followUp: string) =>
  request<Finding>(`${base}/findings/${id}/close`, { method: 'POST', body: { follow_up: followUp } });
