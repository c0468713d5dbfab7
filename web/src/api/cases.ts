// One-window case handling (docs/api/cases.md, issue 6): consultations
// (首问负责), intake with the material checklist, the one-time notice
// (一次性告知), the back-office queue, delivery, follow-up, the clock board and
// the citizens' progress page. Times are UTC epoch milliseconds; days
// (accepted_day, due_day, ...) are Asia/Shanghai dates YYYY-MM-DD. Personal
// data only ever arrives masked.
import { ApiError, buildQuery, request } from './client';
import type { MaterialForm } from './catalog';

// --- Enumerations ---------------------------------------------------------------------

export type CaseStatus = 'intake' | 'notified' | 'rejected' | 'review' | 'returned' | 'ready' | 'delivered' | 'closed';
export type ClockState = 'on_time' | 'warning' | 'overdue' | 'suspended' | 'none';
export type MaterialState = 'pending' | 'received' | 'exempt' | 'missing' | 'defective' | 'not_applicable';
export type BackOfficeStep = 'review_first' | 'review_second' | 'approve' | 'recheck';
export type TaskAction = 'approve' | 'refuse' | 'return' | 'transfer' | 'comment';
export type TaskState = 'open' | 'done' | 'cancelled';
export type CaseOutcome = '' | 'approved' | 'refused' | 'rejected';
export type CaseChannel = 'window' | 'paper' | 'online';
export type ApplicantKind = 'person' | 'employer';
export type AgentKind = 'agent' | 'proxy';
// bank (银行发放): paid into the applicant's bank account; only where the
// item's guide lists it.
export type DeliveryMethod = 'window' | 'mail' | 'online' | 'bank';
export type FollowupOutcome = 'satisfied' | 'unsatisfied' | 'unreachable' | 'declined';
export type ConsultChannel = 'hall' | 'phone' | 'web';
export type FilePurpose = 'material' | 'authorization' | 'paper_form';
export type IncidentKind = 'outage' | 'crowding' | 'conflict' | 'other';
export type EventKind =
  | 'opened' | 'judged' | 'file' | 'notice' | 'resumed' | 'routed' | 'accepted' | 'rejected' | 'task_opened'
  | 'claimed' | 'approved' | 'refused' | 'returned' | 'transferred' | 'commented' | 'corrected' | 'ready' | 'delivered'
  | 'followed_up' | 'warning' | 'overdue' | 'addition' | 'back_entry';

// The server sends status_label too; this map is for filters and for codes
// that arrive without one (the progress page).
export const STATUS_LABELS: Record<CaseStatus, string> = {
  intake: '受理中', notified: '待补正材料', rejected: '不予受理', review: '审核中', returned: '退回补正',
  ready: '已办结待出件', delivered: '已出件', closed: '已回访归档',
};
export const CLOCK_LABELS: Record<ClockState, string> = {
  on_time: '正常', warning: '即将到期', overdue: '已超期', suspended: '暂停计时', none: '未计时',
};
export const MATERIAL_STATE_LABELS: Record<MaterialState, string> = {
  pending: '未核验', received: '已收取', exempt: '共享免提交', missing: '缺少', defective: '有误',
  not_applicable: '不适用',
};
export const RECEIVED_FORM_LABELS: Record<MaterialForm, string> = {
  original: '收到原件', copy: '收到复印件', original_and_copy: '收到原件及复印件', electronic: '收到电子材料',
};
export const BACK_OFFICE_STEPS: readonly BackOfficeStep[] = ['review_first', 'review_second', 'approve', 'recheck'];
export const BACK_OFFICE_STEP_LABELS: Record<BackOfficeStep, string> = {
  review_first: '初审', review_second: '复审', approve: '审批', recheck: '复核',
};
// The permission each back-office step needs (三(七)).
export const STEP_PERMISSIONS: Record<BackOfficeStep, string> = {
  review_first: 'case.review.first', review_second: 'case.review.second', approve: 'case.approve',
  recheck: 'case.recheck',
};
export const TASK_ACTION_LABELS: Record<TaskAction, string> = {
  approve: '通过', refuse: '不予批准', return: '退回补正', transfer: '转办', comment: '加注意见',
};
export const TASK_STATE_LABELS: Record<TaskState, string> = { open: '待办', done: '已办', cancelled: '已撤销' };
export const OUTCOME_LABELS: Record<Exclude<CaseOutcome, ''>, string> = {
  approved: '准予办理', refused: '不予批准', rejected: '不予受理',
};
export const CASE_CHANNEL_LABELS: Record<CaseChannel, string> = { window: '窗口', online: '网上申报', paper: '纸质补录' };
export const APPLICANT_KIND_LABELS: Record<ApplicantKind, string> = { person: '个人', employer: '单位' };
export const AGENT_KIND_LABELS: Record<AgentKind, string> = { agent: '代办', proxy: '全程代理' };
export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  window: '窗口领取', mail: '邮寄送达', online: '网上查询/下载', bank: '银行发放',
};
export const FOLLOWUP_OUTCOME_LABELS: Record<FollowupOutcome, string> = {
  satisfied: '满意', unsatisfied: '不满意', unreachable: '联系不上', declined: '拒绝回访',
};
export const CONSULT_CHANNEL_LABELS: Record<ConsultChannel, string> = { hall: '大厅现场', phone: '电话', web: '网上' };
export const FILE_PURPOSE_LABELS: Record<FilePurpose, string> = {
  material: '申请材料', authorization: '授权委托书', paper_form: '纸质表单',
};
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  opened: '登记办件', judged: '核验材料', file: '上传扫描件', notice: '出具一次性告知书', resumed: '补正材料,继续受理',
  routed: '全城通办转交', accepted: '受理', rejected: '不予受理', task_opened: '转入后台办理', claimed: '领取办件',
  approved: '审核通过', refused: '不予批准', returned: '退回补正', transferred: '转办', commented: '加注意见', corrected: '补正后重新提交',
  ready: '办结待出件', delivered: '出件', followed_up: '回访', warning: '时限预警', overdue: '超期督办',
  addition: '补充告知事项', back_entry: '纸质应急补录',
};

export const INCIDENT_KIND_LABELS: Record<IncidentKind, string> = {
  outage: '系统故障', crowding: '人员拥挤', conflict: '冲突纠纷', other: '其他',
};

// File types the server takes (checked again by content, at most 4 MiB).
export const SCAN_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];
export const MAX_SCAN_BYTES = 4 * 1024 * 1024;

// --- Shapes -----------------------------------------------------------------------------

// What the applicant declared with an online application (网上办, docs/api/citizen.md).
export interface OnlineApplication {
  delivery: DeliveryMethod;  // the way the applicant chose among the item's ways
  delivery_label: string;
  address: string;           // masked; '' unless delivery is mail
  declared_at: number;       // when the applicant accepted the declaration (承诺)
  note: string;              // the applicant's own note, may be ''
}

export interface Case {
  id: number;
  version: number;
  case_no: string;
  item_code: string;
  item_name: string;
  item_version_id: number;
  channel: CaseChannel;
  status: CaseStatus;
  status_label: string;
  outcome: CaseOutcome;
  clock: ClockState;
  intake_unit_code: string;
  handling_unit_code: string;
  intake_unit_name: string;
  handling_unit_name: string;
  site_id: number | null;
  window_number: number | null;
  ticket: string;
  consultation_id: number | null;
  applicant_kind: ApplicantKind;
  applicant_id_masked: string;
  applicant_name_masked: string;
  applicant_phone_masked: string;
  agent_kind: AgentKind | '';
  agent_name_masked: string;
  agent_id_masked: string;
  intake_by: number | null;  // null: an online case no clerk has acted on yet (待认领)
  accepted_by: number | null;
  entered_by: number | null;
  promised_days: number;
  correction_suspends: boolean;
  recheck_sampled: boolean;
  chain: BackOfficeStep[];
  accepted_day: string | null;
  due_day: string | null;
  warn_day: string | null;
  suspended_since: string | null;
  suspended_days: number;
  accepted_at: number | null;
  completed_at: number | null;
  delivered_at: number | null;
  reject_reason: string;
  reject_basis: string;
  created_at: number;
  recorded_at: number;
  updated_at: number;
  // What an online applicant declared (channel online), else null. Always
  // in a Detail; a list entry may come without it.
  online?: OnlineApplication | null;
}

export interface Material {
  idx: number;
  name: string;
  required: boolean;
  condition: string;
  expected_form: MaterialForm | '';
  shared: boolean;
  state: MaterialState;
  received_form: MaterialForm | '';
  reason: string;
  files: number;  // how many scans are attached
}

export interface FileMeta {
  id: number;
  material_idx: number | null;  // null: the agent's authorization
  purpose: FilePurpose;
  content_type: string;
  digest: string;
  size: number;
  created_at: number;
  by_applicant?: boolean;  // uploaded by the applicant online (申请人上传), not at the window
}

export interface NoticeLine {
  idx: number;
  name: string;
  state: MaterialState;
  reason: string;
}

export interface Notice {
  id: number;
  number: number;  // the case's n-th notice: notice.pdf?n=number
  notice_no: string;
  note: string;
  issued_by_login: string;
  issued_at: number;
  lines: NoticeLine[];
}

export interface Task {
  id: number;
  case_id: number;
  version: number;
  step: BackOfficeStep;
  step_label: string;
  unit_code: string;
  unit_name: string;
  state: TaskState;
  action: TaskAction | '';
  opinion: string;
  assignee_id: number | null;
  assignee_login: string;
  acted_by: number | null;
  acted_login: string;
  acted_at: number | null;
  created_at: number;
}

export interface CaseEvent {
  id: number;
  kind: EventKind;
  step: string;
  actor_login: string;
  unit_code: string;
  unit_name: string;
  note: string;
  window_number: number | null;
  public: boolean;
  at: number;
}

export interface Delivery {
  method: DeliveryMethod;
  receiver_name_masked: string;
  receiver_id_masked: string;
  identity_checked: boolean;
  tracking_no: string;
  note: string;
  window_number: number | null;
  delivered_by_login: string;
  delivered_at: number;
}

export interface Followup {
  due_day: string;
  state: 'open' | 'done';
  outcome: FollowupOutcome | '';
  note: string;
  done_by_login: string;
  done_at: number | null;
}

export interface Detail extends Case {
  materials: Material[];
  files: FileMeta[];
  notices: Notice[];
  additions: number[];  // materials the hall manager allowed onto a later notice
  tasks: Task[];
  events: CaseEvent[];
  deliveries: Delivery[];
  followup: Followup | null;
  delivery_methods: DeliveryMethod[];   // the item's ways of delivery; deliver accepts only these
  online: OnlineApplication | null;
}

export interface Consultation {
  id: number;
  channel: ConsultChannel;
  unit_code: string;
  site_id: number | null;
  item_code: string;
  item_name: string;
  question: string;
  answer: string;
  contact_name_masked: string;
  contact_phone_masked: string;
  first_clerk_id: number;
  first_clerk_login: string;
  owner_id: number;
  owner_login: string;
  case_id: number | null;
  created_at: number;
  version: number;
  handovers: { from_login: string; to_login: string; reason: string; at: number }[];
}

export interface Board {
  today: string;
  warning: Case[];
  overdue: Case[];
  suspended: Case[];
  ready: Case[];
  followups: Case[];
}

export interface AccountabilityRow {
  case: Case;
  step: string;
  unit_code: string;
  unit_name: string;
  person_login: string;
  person_name_masked: string;
  due_day: string;
  recorded_at: number;
}

export interface QueueEntry {
  task: Task;
  case: Case;
}

export interface ProgressStep {
  kind: EventKind;
  step: string;
  unit_code: string;
  unit_name: string;
  note: string;
  window_number: number | null;
  at: number;
}

export interface Progress {
  case_no: string;
  item_name: string;
  status: CaseStatus;
  outcome: CaseOutcome;
  clock: ClockState;
  accepted_day: string | null;
  due_day: string | null;
  steps: ProgressStep[];
}

// A district (level 2) or street (level 3) that may receive a case: the
// choices of 全城通办 and of a back-office transfer.
export interface CaseUnit {
  code: string;
  name: string;
  level: 2 | 3;
  parent_name: string;  // the city for a district, the district for a street
}

// 应急处理: an outage, crowding or conflict at a site, open until the hall
// manager records how it was resolved.
export interface Incident {
  id: number;
  site_id: number;
  site_name: string;
  kind: IncidentKind;
  description: string;
  started_at: number;
  ended_at: number | null;  // null while open
  resolution: string;
  reported_by_login: string;
  created_at: number;
  version: number;
}

// --- Inputs -------------------------------------------------------------------------------

export interface ConsultationInput {
  channel: ConsultChannel;
  site_id?: number;
  item_code?: string;
  question: string;
  answer: string;
  contact_name?: string;
  contact_phone?: string;
}

export interface PartyInput<K extends string> {
  kind: K;
  id_number: string;
  name: string;
  phone?: string;
}

export interface CaseInput {
  item_code: string;
  site_id: number;
  window_number?: number;
  channel?: 'window' | 'paper';
  ticket?: string;
  consultation_id?: number;
  original_time?: number;  // with channel paper (back-entry): the time on the paper form, within 30 days
  applicant: PartyInput<ApplicantKind>;
  agent?: PartyInput<AgentKind>;
}

export interface IncidentInput {
  site_id: number;
  kind: IncidentKind;
  description: string;
  started_at?: number;  // within the last 7 days, not in the future; default now
}

export interface CaseFilter {
  status?: CaseStatus | '';
  channel?: CaseChannel | '';  // with status intake and channel online: 网上申报待预审
  q?: string;       // a case number (prefix) or a full ID number / credit code
  clock?: ClockState | '';
  mine?: boolean;
  limit?: number;
}

export interface Judgement {
  state: MaterialState;
  form?: MaterialForm;  // with received
  reason?: string;      // with missing and defective (printed on the notice)
}

export interface DeliverInput {
  method: DeliveryMethod;
  receiver_name?: string;       // window and mail (bank and online have no receiver)
  receiver_id_number?: string;  // window
  tracking_no?: string;         // mail
  window_number?: number;
  note?: string;
}

export interface TaskActInput {
  action: TaskAction;
  opinion: string;
  to_unit?: string;  // transfer
}

// --- Idempotency-Key ------------------------------------------------------------------------

// A fresh key (a UUID v4). crypto.randomUUID exists only in secure contexts,
// and halls may serve the app over plain HTTP on their own network.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Whether a failed request may have been carried out all the same: the
// connection broke or a gateway gave up. Only then is a retry the same action.
export function outcomeUnknown(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true;
  return e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504;
}

// The key of one user action. A retry of the same request (same fingerprint:
// path and body) after an unknown outcome reuses the key, so the server
// answers it once; any answer, or a changed request, starts a new action.
export class ActionKey {
  private key = '';
  private fingerprint = '';

  async run<T>(fingerprint: unknown, send: (key: string) => Promise<T>): Promise<T> {
    const print = JSON.stringify(fingerprint) ?? '';
    if (!this.key || print !== this.fingerprint) {
      this.key = newIdempotencyKey();
      this.fingerprint = print;
    }
    try {
      const answer = await send(this.key);
      this.reset();
      return answer;
    } catch (e) {
      if (!outcomeUnknown(e)) this.reset();
      throw e;
    }
  }

  reset(): void {
    this.key = '';
    this.fingerprint = '';
  }
}

function post<T>(path: string, body: unknown, key?: string): Promise<T> {
  return request<T>(path, {
    method: 'POST',
    ...(body === undefined ? {} : { body }),
    ...(key ? { headers: { 'Idempotency-Key': key } } : {}),
  });
}

// --- Consultations (case.consult) -------------------------------------------------------------

export const createConsultation = (input: ConsultationInput, key: string) =>
  post<Consultation>('/api/consultations', input, key);
export const listConsultations = (mine = true, limit = 100) =>
  request<{ items: Consultation[] }>(`/api/consultations${buildQuery({ mine: mine ? 'true' : 'false', limit })}`);
export const handOverConsultation = (id: number, toLogin: string, reason: string, key?: string) =>
  post<Consultation>(`/api/consultations/${id}/handover`, { to_login: toLogin, reason }, key);

// --- Intake (case.intake) ----------------------------------------------------------------------

export const createCase = (input: CaseInput, key: string) => post<Detail>('/api/cases', input, key);
export const listCases = (filter: CaseFilter = {}) =>
  request<{ items: Case[] }>(`/api/cases${buildQuery({
    status: filter.status, channel: filter.channel, q: filter.q, clock: filter.clock,
    mine: filter.mine ? 'true' : undefined, limit: filter.limit,
  })}`);
export const getCase = (id: number) => request<Detail>(`/api/cases/${id}`);
// Every district and street (any signed-in caller).
export const listCaseUnits = () => request<{ items: CaseUnit[] }>('/api/cases/units');
export const judgeMaterial = (id: number, idx: number, judgement: Judgement) =>
  request<Material>(`/api/cases/${id}/materials/${idx}`, { method: 'PUT', body: judgement });
// material null: the agent's authorization (授权委托书).
export const uploadCaseFile = (id: number, file: Blob, contentType: ScanType, material: number | null) =>
  request<FileMeta>(`/api/cases/${id}/files${buildQuery({ material })}`, {
    method: 'POST', body: file, headers: { 'Content-Type': contentType },
  });
export const caseFileUrl = (id: number, fileId: number) => `/api/cases/${id}/files/${fileId}`;
export const issueNotice = (id: number, note: string, key: string) =>
  post<Notice>(`/api/cases/${id}/notice`, note ? { note } : {}, key);
export const resumeCase = (id: number, key?: string) => post<Detail>(`/api/cases/${id}/resume`, undefined, key);
export const routeCase = (id: number, unitCode: string, reason: string, key?: string) =>
  post<Detail>(`/api/cases/${id}/route`, { unit_code: unitCode, reason }, key);
export const acceptCase = (id: number, key?: string) => post<Detail>(`/api/cases/${id}/accept`, undefined, key);
export const rejectCase = (id: number, reason: string, basis: string, key?: string) =>
  post<Detail>(`/api/cases/${id}/reject`, { reason, basis }, key);
export const correctCase = (id: number, note: string, key?: string) =>
  post<Detail>(`/api/cases/${id}/correction`, note ? { note } : {}, key);
export const deliverCase = (id: number, input: DeliverInput, key?: string) =>
  post<Detail>(`/api/cases/${id}/deliver`, input, key);
// 邮寄送达 of an online case: the full name, phone and address (audited), for the clerk who posts it.
export interface Mailing { name: string; phone: string; address: string }
export const getMailing = (id: number) => request<Mailing>(`/api/cases/${id}/mailing`);
export const followUpCase = (id: number, outcome: FollowupOutcome, note: string, key?: string) =>
  post<Detail>(`/api/cases/${id}/followup`, note ? { outcome, note } : { outcome }, key);
export const noticePdfUrl = (id: number, n: number) => `/api/cases/${id}/notice.pdf${buildQuery({ n })}`;
export const receiptPdfUrl = (id: number) => `/api/cases/${id}/receipt.pdf`;
export const decisionPdfUrl = (id: number) => `/api/cases/${id}/decision.pdf`;

// --- Emergencies (应急处理) -----------------------------------------------------------------------

// open: only those not yet resolved; otherwise all, newest first.
export const listIncidents = (open: boolean) =>
  request<{ items: Incident[] }>(`/api/incidents${buildQuery({ open: open ? 'true' : 'false' })}`);
export const reportIncident = (input: IncidentInput, key: string) => post<Incident>('/api/incidents', input, key);
// hall.manage; 409 when already closed.
export const closeIncident = (id: number, resolution: string, key?: string) =>
  post<Incident>(`/api/incidents/${id}/close`, { resolution }, key);
// The paper intake form (应急纸质受理单) of an item, for outages (case.intake).
export const blankFormPdfUrl = (itemCode: string) => `/api/cases/blank-form.pdf${buildQuery({ item_code: itemCode })}`;

// --- Hall manager (hall.manage) ------------------------------------------------------------------

export const allowNoticeAddition = (id: number, idx: number, reason: string, key?: string) =>
  post<void>(`/api/cases/${id}/notice-additions`, { idx, reason }, key);
export const getBoard = () => request<Board>('/api/cases/board');
export const getAccountability = (from: string, to: string) =>
  request<{ items: AccountabilityRow[] }>(`/api/cases/accountability${buildQuery({ from, to })}`);

// --- Back office (case.review.first, case.review.second, case.approve, case.recheck) ---------------

export const listTasks = (step: BackOfficeStep, mine = false) =>
  request<{ items: QueueEntry[] }>(`/api/tasks${buildQuery({ step, mine: mine ? 'true' : 'false' })}`);
export const claimTask = (id: number, key?: string) => post<Task>(`/api/tasks/${id}/claim`, undefined, key);
export const actOnTask = (id: number, input: TaskActInput, key?: string) =>
  post<Detail>(`/api/tasks/${id}/act`, input, key);

// --- Public progress (no sign-in) ---------------------------------------------------------------------

const enc = encodeURIComponent;
export const getProgressByToken = (caseNo: string, token: string) =>
  request<Progress>(`/api/progress/${enc(caseNo)}${buildQuery({ t: token })}`);
// The full ID number or credit code of the applicant proves the right to
// look; it goes in the body so it never appears in a URL or a proxy log.
export const getProgressById = (caseNo: string, idNumber: string) =>
  request<Progress>(`/api/progress/${enc(caseNo)}`, { method: 'POST', body: { id_number: idNumber } });
