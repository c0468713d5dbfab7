// 投诉举报 of a signed-in citizen on the portal (POST and GET
// /api/citizen/complaints, src/complaints/routes.cpp): the choices of the
// form, the checks the server makes (done here first, so that every problem
// shows at its field before sending), where a refusal of the server belongs,
// the body sent, and how a complaint reads in 我的投诉. The kinds, categories
// and states are the server's (api/complaints.ts mirrors complaints/model.cpp);
// the text rules and the channel are the public form's (views/complaints/shared).
// Pure, tested without a browser.
import { ApiError, describeError } from '@/api/client';
import { CATEGORY_LABELS, KIND_LABELS, STATE_LABELS } from '@/api/complaints';
import { contentProblem, publicChannel } from '@/views/complaints/shared/steps';
import type { CitizenComplaint, CitizenComplaintInput, ComplaintCategory, ComplaintKind } from './api';
import { CONTACT_PHONE_FORMAT, isContactPhone, normalizePhone } from './apply';
import { dayText } from './citizen';

export { CONTENT_MAX, CONTENT_MIN, contentProblem } from '@/views/complaints/shared/steps';

// --- The choices --------------------------------------------------------------------------------

export interface Choice<T extends string> {
  code: T;
  label: string;
  note: string;
}

export const KIND_CHOICES: readonly Choice<ComplaintKind>[] = [
  { code: 'complaint', label: KIND_LABELS.complaint, note: '对服务态度、办事效率等不满意,要求纠正' },
  { code: 'report', label: KIND_LABELS.report, note: '反映工作人员违规办理、吃拿卡要等问题线索' },
];

// In the server's order (complaints/model.cpp kCategories).
export const CATEGORY_CHOICES: readonly Choice<ComplaintCategory>[] =
  (Object.keys(CATEGORY_LABELS) as ComplaintCategory[]).map((code) => ({ code, label: CATEGORY_LABELS[code], note: '' }));

const isKind = (v: string): v is ComplaintKind => v in KIND_LABELS;
const isCategory = (v: string): v is ComplaintCategory => v in CATEGORY_LABELS;

// ?case=20260307-000012 -> the case number; '' when absent or not one (the
// server takes at most 20 characters).
export function caseNoOf(raw: unknown): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v !== 'string') return '';
  const s = v.trim();
  return /^[A-Za-z0-9-]{1,20}$/.test(s) ? s : '';
}

// --- The form -----------------------------------------------------------------------------------

export interface ComplaintDraft {
  kind: ComplaintKind | '';
  category: ComplaintCategory | '';
  content: string;
  caseNo: string;          // '' when it concerns no case
  siteId: number | null;
  windowNumber: string;
  phone: string;
}

// The server's field names, in the order of the page (the first problem takes focus).
export const COMPLAINT_FIELDS = ['kind', 'category', 'content', 'case_no', 'site_id', 'window_number', 'phone'] as const;
export type ComplaintField = (typeof COMPLAINT_FIELDS)[number];

export interface ComplaintProblem {
  field: ComplaintField;
  message: string;
}

export const emptyDraft = (over: Partial<ComplaintDraft> = {}): ComplaintDraft => ({
  kind: 'complaint', category: '', content: '', caseNo: '', siteId: null, windowNumber: '', phone: '', ...over,
});

// Characters as people count them (a Chinese character is one), as the counter shows them.
export const contentLength = (text: string): number => [...text.trim()].length;

export function windowProblem(text: string): string {
  const s = text.trim();
  if (!s) return '';
  return /^[1-9]\d{0,2}$/.test(s) ? '' : '窗口号为 1 到 999 的数字';
}

// '' when fine. Answers and call-backs go to this phone; the account's is
// used when none is typed (then it may stay empty).
export function complaintPhoneProblem(phone: string, accountPhone: string): string {
  const p = normalizePhone(phone);
  if (p === '') return accountPhone ? '' : '账户中没有手机号,请留下联系电话,以便答复和回访';
  return isContactPhone(p) ? '' : CONTACT_PHONE_FORMAT;
}

// Every problem of the form, in the order of the page. The unit that answers
// is the case's, else the hall's: one of them is needed (the server's rule).
export function validateComplaint(draft: ComplaintDraft, accountPhone: string): ComplaintProblem[] {
  const problems: ComplaintProblem[] = [];
  const add = (field: ComplaintField, message: string) => { if (message) problems.push({ field, message }); };
  add('kind', isKind(draft.kind) ? '' : '请选择投诉或举报');
  add('category', isCategory(draft.category) ? '' : '请选择问题类别');
  add('content', contentProblem(draft.content));
  add('site_id', draft.caseNo === '' && draft.siteId === null ? '请选择办理地点,或选择相关办件,以便转给负责的单位办理' : '');
  add('window_number', windowProblem(draft.windowNumber));
  add('phone', complaintPhoneProblem(draft.phone, accountPhone));
  return problems;
}

// The body of POST /api/citizen/complaints: the optional parts only when
// given (the server then takes the account's phone, the case's hall).
export function complaintBody(draft: ComplaintDraft, userAgent: string): CitizenComplaintInput {
  const phone = normalizePhone(draft.phone);
  const win = draft.windowNumber.trim();
  return {
    kind: draft.kind === '' ? 'complaint' : draft.kind,
    category: draft.category === '' ? 'other' : draft.category,
    content: draft.content.trim(),
    channel: publicChannel(userAgent),
    ...(phone ? { phone } : {}),
    ...(draft.caseNo ? { case_no: draft.caseNo } : {}),
    ...(draft.siteId !== null ? { site_id: draft.siteId } : {}),
    ...(win ? { window_number: Number(win) } : {}),
  };
}

// The element that takes focus for a field's problem (ids of pages/complaint):
// a group of choices is announced by its message, a box is focused itself.
export function complaintFocusId(field: ComplaintField | 'form'): string {
  switch (field) {
    case 'kind': return 'complaint-kind-error';
    case 'category': return 'complaint-category-error';
    case 'content': return 'complaint-content';
    case 'case_no': return 'complaint-case';
    case 'site_id': return 'complaint-site';
    case 'window_number': return 'complaint-window';
    case 'phone': return 'complaint-phone';
    case 'form': return 'complaint-form-error';
  }
}

// Where a refusal of the server is shown: at a field of the form, for the
// form as a whole (the channel, the account's own data, the network), or
// nowhere because the session ended (to the login page).
export interface ComplaintRefusal {
  place: ComplaintField | 'form' | 'session';
  message: string;
  // The answer was lost on the way (no connection, a gateway's time-out):
  // the complaint may be filed all the same.
  maybeFiled: boolean;
}

export function complaintRefusal(e: unknown): ComplaintRefusal {
  if (!(e instanceof ApiError)) return { place: 'form', message: describeError(e), maybeFiled: false };
  if (e.status === 401) return { place: 'session', message: '登录已过期,请重新登录', maybeFiled: false };
  // At a field, the server's words; for the form, with the request id the hotline can look up.
  const business = e.status >= 400 && e.status < 500 && !e.code.startsWith('HTTP_') && e.message !== '';
  const field = (COMPLAINT_FIELDS as readonly string[]).includes(e.field) ? (e.field as ComplaintField) : null;
  if (business && field) return { place: field, message: e.message, maybeFiled: false };
  return { place: 'form', message: describeError(e), maybeFiled: e.status === 0 || e.status === 504 };
}

// --- 我的投诉 -------------------------------------------------------------------------------------

export type ComplaintTone = 'progress' | 'done' | 'ended';

// How a complaint's state tag looks: answered (已答复, 已办结), refused
// (不予受理), or still with the office (待受理, 办理中).
export function complaintTone(state: string): ComplaintTone {
  if (state === 'replied' || state === 'closed') return 'done';
  if (state === 'rejected') return 'ended';
  return 'progress';
}

export function complaintStateText(c: Pick<CitizenComplaint, 'state' | 'state_name'>): string {
  return c.state_name || (STATE_LABELS as Record<string, string>)[c.state] || c.state;
}

// The deadline of the step the office owes: 受理 while received, 答复 while
// accepted; '' once answered or refused (回访归档 is the office's own step).
export function complaintDueText(c: Pick<CitizenComplaint, 'state' | 'accept_due_day' | 'reply_due_day'>): string {
  if (c.state === 'received' && c.accept_due_day) return `${dayText(c.accept_due_day)}前受理`;
  if (c.state === 'accepted' && c.reply_due_day) return `${dayText(c.reply_due_day)}前答复`;
  return '';
}

// 投诉 · 服务态度
export function complaintTitle(c: Pick<CitizenComplaint, 'kind' | 'kind_name' | 'category' | 'category_name'>): string {
  const kind = c.kind_name || (KIND_LABELS as Record<string, string>)[c.kind] || c.kind;
  const category = c.category_name || (CATEGORY_LABELS as Record<string, string>)[c.category] || c.category;
  return [kind, category].filter((s) => s !== '').join(' · ');
}

export function upheldNote(upheld: boolean | null): string {
  if (upheld === null) return '';
  return upheld ? '经核实,反映的问题属实' : '经核实,反映的问题不属实';
}
