// 投诉举报 (docs/api/complaints.md; policy 三(四), annex 一(三), GB/T 36113):
// the public form and tracking by number + query code, and the officers'
// steps 受理 → 答复 → 回访归档 (or 不予受理). The reporter's identity is never
// in a Complaint; only revealReporter opens it, and the server audits that.
import { buildQuery, request } from './client';

export type ComplaintKind = 'complaint' | 'report';
export type ComplaintCategory = 'attitude' | 'efficiency' | 'violation' | 'integrity' | 'policy' | 'other';
export type PublicChannel = 'web' | 'mobile';
export type StaffChannel = 'window' | 'phone' | 'letter';
export type ComplaintChannel = PublicChannel | StaffChannel | 'kiosk';
export type ComplaintState = 'received' | 'accepted' | 'replied' | 'closed' | 'rejected';
export type NamedOutcome = 'reached' | 'unreachable' | 'declined';
export type CallbackOutcome = NamedOutcome | 'not_applicable';

export interface Complaint {
  id: number;
  complaint_no: string;
  kind: ComplaintKind;
  kind_name: string;
  category: ComplaintCategory;
  category_name: string;
  channel: ComplaintChannel;
  channel_name: string;
  state: ComplaintState;
  state_name: string;
  anonymous: boolean;
  case_no: string;
  site_name: string;
  window_number: number | null;
  staff_name: string;        // masked; "" when nobody was named
  unit_code: string;
  unit_name: string;
  assignee_id: number | null;
  assignee_name: string;
  accept_due_day: string;
  reply_due_day: string;     // "" until accepted
  reject_reason: string;
  reply: string;
  upheld: boolean | null;    // 属实 / 不属实, once replied
  callback_outcome: CallbackOutcome | '';
  callback_note: string;
  received_day: string;
  created_at: number;        // ms since the epoch
  accepted_at: number | null;
  replied_at: number | null;
  closed_at: number | null;
  close_due_day: string;     // "" until replied: 回访归档 due
  overdue: boolean;
  // 督办: a late step goes up a unit (0 none, 1 the unit above, 2 the one above that).
  escalation: number;
  escalated_to: string;
  escalated_to_name: string;
  escalated_at: number | null;
  version: number;
}

// Who may be 承办人: complaint.handle at the complaint's unit or above, within
// the caller's scope, never the person complained about. Names masked.
export interface Assignee {
  account_id: number;
  name: string;
  unit_code: string;
  unit_name: string;
  self: boolean;
}

// What the reporter sees: no staff names, notes, unit code or version.
export type PublicComplaint = Omit<Complaint,
  'staff_name' | 'assignee_id' | 'assignee_name' | 'callback_note' | 'unit_code' | 'escalated_to' | 'version'>;

export interface ComplaintDetail extends Complaint {
  content: string;
}

export interface Reporter {
  name: string;
  phone: string;
  id_number: string;
}

// Named: name and phone (ID number optional); anonymous: none of them.
export interface ComplaintInput {
  kind?: ComplaintKind;
  category: ComplaintCategory;
  content: string;
  anonymous?: boolean;
  name?: string;
  phone?: string;
  id_number?: string;
  case_no?: string;
  site_id?: number;
  window_number?: number;
}

export interface PublicComplaintInput extends ComplaintInput {
  channel?: PublicChannel;
}

export interface IntakeInput extends ComplaintInput {
  channel: StaffChannel;
  staff_id?: number;  // the person complained about
}

export interface Submitted {
  complaint_no: string;
  query_code: string;  // shown once
  accept_due_day: string;
}

export type TakenComplaint = Complaint & { query_code: string };

export const CATEGORY_LABELS: Record<ComplaintCategory, string> = {
  attitude: '服务态度', efficiency: '办事效率', violation: '违规办理', integrity: '廉政问题', policy: '政策执行', other: '其他',
};
export const KIND_LABELS: Record<ComplaintKind, string> = { complaint: '投诉', report: '举报' };
export const STATE_LABELS: Record<ComplaintState, string> = {
  received: '待受理', accepted: '办理中', replied: '已答复', closed: '已办结', rejected: '不予受理',
};
export const STAFF_CHANNEL_LABELS: Record<StaffChannel, string> = { window: '窗口', phone: '电话', letter: '信件' };
export const OUTCOME_LABELS: Record<CallbackOutcome, string> = {
  reached: '已联系', unreachable: '无法联系', declined: '拒绝回访', not_applicable: '不适用(匿名)',
};

const base = '/api/complaints';
const enc = encodeURIComponent;

export const submitComplaint = (input: PublicComplaintInput) =>
  request<Submitted>('/api/public/complaints', { method: 'POST', body: input });
export const viewComplaint = (no: string, code: string) =>
  request<PublicComplaint>(`/api/public/complaints/${enc(no)}/view`, { method: 'POST', body: { code } });

export const takeComplaint = (input: IntakeInput) =>
  request<TakenComplaint>(base, { method: 'POST', body: input });
export const listComplaints = (filter: { state?: ComplaintState | ''; unit?: string } = {}) =>
  request<{ items: Complaint[] }>(`${base}${buildQuery({ state: filter.state, unit: filter.unit })}`);
export const getComplaint = (id: number) => request<ComplaintDetail>(`${base}/${id}`);
export const listAssignees = (id: number) => request<{ items: Assignee[] }>(`${base}/${id}/assignees`);
export const revealReporter = (id: number) => request<Reporter>(`${base}/${id}/reporter`, { method: 'POST' });
export const acceptComplaint = (id: number, input: { assignee_id?: number; category?: ComplaintCategory } = {}) =>
  request<Complaint>(`${base}/${id}/accept`, { method: 'POST', body: input });
export const rejectComplaint = (id: number, reason: string) =>
  request<Complaint>(`${base}/${id}/reject`, { method: 'POST', body: { reason } });
export const assignComplaint = (id: number, assigneeId: number) =>
  request<Complaint>(`${base}/${id}/assign`, { method: 'POST', body: { assignee_id: assigneeId } });
export const replyComplaint = (id: number, reply: string, upheld: boolean) =>
  request<Complaint>(`${base}/${id}/reply`, { method: 'POST', body: { reply, upheld } });
export const closeComplaint = (id: number, outcome: CallbackOutcome, note = '') =>
  request<Complaint>(`${base}/${id}/close`, { method: 'POST', body: { outcome, note } });
