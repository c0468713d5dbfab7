// Staff, posts and compliance (docs/api/staff.md; issue 9, policy 三(七)(九),
// 四(四)): profiles, dated post assignments, training (courses, sessions and
// their results), attendance, photos, the compliance view and window capacity.
// Dates are Beijing days YYYY-MM-DD.
import { buildQuery, request, requestBlob } from './client';
import type { UnitLevel } from './org';
import type { PhotoType } from './photo';

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
  session_id: number | null;  // null for a record added by hand
  score: number | null;
}

export interface Person {
  account_id: number;
  login: string;
  name: string;        // masked
  badge: string;
  has_photo: boolean;  // GET /api/staff/:account/photo answers an image
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

export interface UnitRef {
  code: string;
  name: string;
  level: UnitLevel;
}

// One child unit of the compliance view, summing everything under it.
export interface UnitCompliance {
  unit_code: string;
  unit_name: string;
  level: UnitLevel;
  sites: number;
  windows: number;
  staff: number;
  formal_staff: number;
  on_post_rate: number | null;  // 0..1; null without attendance records
  sites_with_violations: number;
  people_with_violations: number;
  violations: number;
}

// `sites` and `people` cover `unit` and everything under it; `path` runs from
// the top of the caller's scope down to `unit` (the breadcrumb).
export interface Compliance {
  month: string;
  unit: UnitRef;
  path: UnitRef[];
  children: UnitCompliance[];
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
// 待遇发放复核 samples the cases of payment items (行政给付) and judges each
// on the four points of the checklist.
export type CheckKind = 'cases' | 'benefit_payment';

export interface Checklist {
  eligibility: boolean;  // 资格条件
  standard: boolean;     // 标准与金额
  account: boolean;      // 发放账户为本人
  approval: boolean;     // 审批手续完整、不相容岗位分离
}

// Who handled a step of the sampled case (受理, 初审, 复审, 审批, 复核).
export interface CaseHandler {
  step: string;
  name: string;  // masked
}

export interface InternalCheck {
  id: number;
  kind: CheckKind;
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
  checklist: Checklist | null;  // benefit_payment items once judged
  handlers: CaseHandler[];
  separation_ok: boolean;       // false: one person handled two steps (三(七) 不相容岗位分离)
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
  kind?: CheckKind;      // cases
  unit: string;
  from: string;
  to: string;
  sample_size?: number;  // 1..50 (10)
}

// A benefit_payment item needs its checklist: ok only when all four hold.
export type JudgeInput =
  | { result: 'ok'; checklist?: Checklist }
  | { result: 'finding'; note: string; due_days?: number; checklist?: Checklist };  // 1..60 working days (10)

// 培训 (三(九) 每人每年不少于5天、先培训后上岗): courses offered in sessions;
// the results of a session are recorded once, writing each attendee's record.
export interface Course {
  id: number;
  title: string;
  kind: TrainingKind;
  days: number;
  pass_score: number;
  unit_code: string;
  unit_name: string;
  sessions: number;
  created_at: number;
}

export interface CourseInput {
  title: string;
  kind: TrainingKind;
  days: number;         // 0.5..30
  pass_score?: number;  // 0..100 (60)
  unit: string;
}

export type SessionStatus = 'open' | 'recorded';

export interface TrainingSession {
  id: number;
  course_id: number;
  course_title: string;
  kind: TrainingKind;
  days: number;
  pass_score: number;
  day: string;
  place: string;
  trainer: string;
  capacity: number;
  unit_code: string;
  unit_name: string;
  status: SessionStatus;
  enrolled: number;
  attended: number;
  passed: number;
}

export interface Enrolment {
  account_id: number;
  login: string;
  name: string;             // masked
  site_name: string;
  attended: boolean | null; // null until recorded
  score: number | null;
  passed: boolean | null;
}

export interface SessionDetail extends TrainingSession {
  enrolments: Enrolment[];
}

export interface SessionInput {
  course_id: number;
  day: string;
  place: string;
  trainer?: string;
  capacity: number;  // 1..500
  unit: string;
}

// Exactly the enrolled people; a score for each who attended.
export interface ResultInput {
  account_id: number;
  attended: boolean;
  score?: number;  // 0..100
}

export interface TrainingTotal {
  account_id: number;
  login: string;
  name: string;  // masked
  unit_name: string;
  site_name: string;
  days: number;  // annual training days of the year
  sessions: number;
  pre_post_passed: boolean;
  meets: boolean;
}

export interface TrainingTotals {
  year: number;
  required_days: number;  // 5
  items: TrainingTotal[];
}

export const CHECK_KIND_LABELS: Record<CheckKind, string> = { cases: '办件复核抽查', benefit_payment: '待遇发放复核' };
export const CHECKLIST_LABELS: Record<keyof Checklist, string> = {
  eligibility: '资格条件', standard: '标准与金额', account: '发放账户为本人', approval: '审批手续完整',
};
export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = { open: '待录入', recorded: '已录入' };

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
// 404 NOT_FOUND when the person has no photo.
export const getStaffPhoto = (account: number) =>
  requestBlob(`${base}/${account}/photo`, { headers: { Accept: 'image/*, application/json' } });
export const putStaffPhoto = (account: number, photo: Blob, contentType: PhotoType) =>
  request<void>(`${base}/${account}/photo`, { method: 'PUT', body: photo, headers: { 'Content-Type': contentType } });
export const deleteStaffPhoto = (account: number) => request<void>(`${base}/${account}/photo`, { method: 'DELETE' });
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

export const listCourses = () => request<{ items: Course[] }>(`${base}/courses`);
export const createCourse = (input: CourseInput) =>
  request<Course>(`${base}/courses`, { method: 'POST', body: input });
export const listTrainingSessions = (year: number) =>
  request<{ items: TrainingSession[] }>(`${base}/training-sessions${buildQuery({ year })}`);
export const createTrainingSession = (input: SessionInput) =>
  request<TrainingSession>(`${base}/training-sessions`, { method: 'POST', body: input });
export const getTrainingSession = (id: number) => request<SessionDetail>(`${base}/training-sessions/${id}`);
export const enrolPeople = (id: number, accountIds: number[]) =>
  request<SessionDetail>(`${base}/training-sessions/${id}/enrolments`,
    { method: 'POST', body: { account_ids: accountIds } });
export const unenrolPerson = (id: number, account: number) =>
  request<SessionDetail>(`${base}/training-sessions/${id}/enrolments/${account}`, { method: 'DELETE' });
export const recordResults = (id: number, results: ResultInput[]) =>
  request<SessionDetail>(`${base}/training-sessions/${id}/results`, { method: 'POST', body: { results } });
export const getTrainingTotals = (year: number, unit = '') =>
  request<TrainingTotals>(`${base}/training-totals${buildQuery({ year, unit })}`);
