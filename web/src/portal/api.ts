// What the portal reads besides the catalog (api/catalog.ts): the halls and
// community points, the citizen's own account and cases, and the online
// application (网上办) with its uploads and corrections (docs/api/citizen.md),
// the citizen's appointments (我的预约) and the public hall routes they need
// (slots, the hall's groups, 网上取号; docs/api/hall.md "Public"), and their
// complaints (我的投诉; src/complaints/routes.cpp).
// Over the one request client (api/client.ts), except the upload, which needs
// progress events (upload-io.ts). Times are UTC epoch milliseconds; days
// (accepted_day, due_day, an appointment's day) are Asia/Shanghai dates YYYY-MM-DD.
import { buildQuery, request } from '@/api/client';
import type { ComplaintCategory, ComplaintKind, PublicChannel, PublicComplaint } from '@/api/complaints';
import type { Appointment } from '@/api/hall';
import type { RemoteTicket, SlotDay } from '@/api/kiosk';
import type { BoardGroup } from '@/api/screen';
import type { CitizenKind } from './citizen';
import type { PortalSite, SiteKind } from './sites';
import type { UploadProgress } from './upload-io';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

// The halls and points with today's queue. Read on each visit of the page
// (the server lets caches keep it 15 s): the waiting figures change.
export const listSites = (signal?: AbortSignal) =>
  request<{ items: PortalSite[] }>('/api/public/sites', opts(signal)).then((r) => r.items);

export interface CitizenConfig {
  oidc: boolean;
  provider_name: string;
  demo: boolean;
  demo_accounts: { key: string; name: string }[];
}

export interface Citizen {
  id: number;
  kind: CitizenKind;
  name: string;        // masked: 张*
  id_number: string;   // masked
  phone: string;       // masked
  demo: boolean;
}

export interface CitizenSession {
  citizen: Citizen;
  csrf_token: string;
  expires_at: string;
}

export interface CitizenCase {
  case_no: string;
  item_code: string;
  item_name: string;
  channel: string;
  status: string;
  status_name: string;
  outcome: string | null;
  intake_unit_name: string;
  accepted_day: string | null;
  due_day: string | null;
  completed_at: number | null;   // epoch ms
  delivered_at: number | null;   // epoch ms
  created_at: number;            // epoch ms
  progress_path: string;
}

export const getCitizenConfig = (signal?: AbortSignal) => request<CitizenConfig>('/api/citizen/config', opts(signal));

// 401 when nobody is signed in (an ApiError with status 401).
export const getCitizenMe = (signal?: AbortSignal) => request<CitizenSession>('/api/citizen/me', opts(signal));

export const demoLogin = (account: string) =>
  request<CitizenSession>('/api/citizen/demo-login', { method: 'POST', body: { account } });

export const citizenLogout = (csrfToken: string) =>
  request<void>('/api/citizen/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrfToken } });

export const listMyCases = (signal?: AbortSignal) =>
  request<{ items: CitizenCase[] }>('/api/citizen/cases', opts(signal)).then((r) => r.items);

// --- Online application (网上办, issue 11 item 3) ------------------------------------

export interface ApplyItem {
  code: string;
  name: string;
  version_id: number;
  summary: string;
  time_limit: { kind: 'immediate' | 'promised' | ''; promised_days: number };
  delivery: { code: string; label: string }[];   // the ways the result can reach the applicant
  service_objects: string[];
}

// One material of the item version, as its guide lists it.
export interface ApplyMaterial {
  idx: number;
  name: string;
  kind: string;            // form | document | proof
  required: boolean;
  condition: string;       // the situation that requires it; '' when always
  form: string;            // original | copy | original_and_copy | electronic
  count: number;
  shared: boolean;         // obtained by data sharing: nothing to upload
  shared_source: string;
  blank_form: string;      // kind form: the blank form's file name (or address)
  sample: string;          // kind form: the filled sample's file name (or address)
}

export interface ApplySite {
  id: number;
  name: string;
  kind: SiteKind;
  address: string;
  district_name: string;
  unit_name: string;
}

export interface ApplyApplicant {
  kind: CitizenKind;
  name: string;       // masked
  id_number: string;  // masked
  phone: string;      // masked, '' when the account has none
}

export interface UploadLimits {
  max_bytes: number;
  types: string[];
}

export interface ApplyForm {
  item: ApplyItem;
  materials: ApplyMaterial[];
  sites: ApplySite[];
  applicant: ApplyApplicant;
  declaration: string;
  upload: UploadLimits;
}

export interface UploadedFile {
  id: number;
  content_type: string;
  size: number;
  created_at: number;
}

export interface MaterialUploads {
  idx: number;
  uploads: number[];
}

export interface ApplicationInput {
  item_code: string;
  site_id: number;
  phone: string;
  delivery: string;
  address: string;
  declaration: true;
  note: string;
  materials: MaterialUploads[];
}

export interface CaseMaterial {
  idx: number;
  name: string;
  required: boolean;
  condition: string;
  state: string;        // pending | received | exempt | missing | defective | not_applicable
  state_label: string;
  reason: string;
  files: number | unknown[];  // the contract does not say: a count or the list of files
}

export interface CaseCorrection {
  kind: 'notice' | 'return';
  at: number;
  note: string;
  materials: { idx: number; name: string; state: string; reason: string }[];
}

export interface CaseStep {
  kind: string;
  step: string;
  note: string;
  unit_name: string;
  at: number;
}

export interface CaseResult {
  available: boolean;
  outcome: string;
  label: string;
  kind: 'decision' | 'rejection';
}

export interface CaseDeliveryDone {
  method: string;
  label: string;
  tracking_no: string;
  at: number;
}

// A paper of the case the applicant may download (受理回执, 一次性告知书, result).
export interface CasePaper {
  kind: 'receipt' | 'notice' | 'result';
  label: string;
  path: string;
}

// GET /api/citizen/cases/:case_no: one case of the signed-in applicant.
export interface CitizenCaseDetail {
  case_no: string;
  papers: CasePaper[];
  item_code: string;
  item_name: string;
  channel: string;
  status: string;
  status_name: string;
  outcome: string | null;
  clock: string;
  created_at: number;
  accepted_day: string | null;
  due_day: string | null;
  completed_at: number | null;
  delivered_at: number | null;
  site_name: string;
  intake_unit_name: string;
  delivery: { method: string; label: string; address: string } | null;
  materials: CaseMaterial[];
  correction: CaseCorrection | null;
  steps: CaseStep[];
  result: CaseResult | null;
  deliveries: CaseDeliveryDone[];
  progress_path: string;
  can_rate: boolean;
}

export interface CorrectionInput {
  note: string;
  materials: MaterialUploads[];
}

const enc = encodeURIComponent;
const csrf = (token: string) => ({ 'X-CSRF-Token': token });

// The form of an item: 404 unknown or unpublished, 422 not offered online
// (or not for this kind of applicant), both with field item_code.
export const getApplyForm = (itemCode: string, signal?: AbortSignal) =>
  request<ApplyForm>(`/api/citizen/apply/${enc(itemCode)}`, opts(signal));

// One file, raw, with its own Content-Type; progress is reported while it is
// sent. The sender is imported when needed: this module is part of the
// portal's first load (session.ts), the upload code is not.
export async function uploadFile(
  file: Blob, csrfToken: string, onProgress?: (p: UploadProgress) => void, signal?: AbortSignal,
): Promise<UploadedFile> {
  const { sendUpload } = await import('./upload-io');
  return sendUpload<UploadedFile>('/api/citizen/uploads', file, { 'X-CSRF-Token': csrfToken }, onProgress, signal);
}

// An upload not yet named in a submission (404 once used or gone).
export const deleteUpload = (id: number, csrfToken: string) =>
  request<void>(`/api/citizen/uploads/${id}`, { method: 'DELETE', headers: csrf(csrfToken) });

// 201 the new case. A retry naming the same uploads is 409, so it never opens two cases.
export const submitApplication = (input: ApplicationInput, csrfToken: string) =>
  request<CitizenCaseDetail>('/api/citizen/applications', { method: 'POST', body: input, headers: csrf(csrfToken) });

export const getMyCase = (caseNo: string, signal?: AbortSignal) =>
  request<CitizenCaseDetail>(`/api/citizen/cases/${enc(caseNo)}`, opts(signal));

// 补正: answers the one-time notice (status notified) or the reviewer's return (returned).
export const submitCorrection = (caseNo: string, input: CorrectionInput, csrfToken: string) =>
  request<CitizenCaseDetail>(`/api/citizen/cases/${enc(caseNo)}/correction`,
    { method: 'POST', body: input, headers: csrf(csrfToken) });

// The result paper (PDF), opened by the browser with the session cookie.
export const caseResultUrl = (caseNo: string) => `/api/citizen/cases/${enc(caseNo)}/result.pdf`;

// --- Appointments (我的预约) and the hall's public routes ---------------------------------------
// The shapes are the hall API's (api/hall.ts, api/kiosk.ts, api/screen.ts):
// one shape each, whoever reads it; only types are imported, no code.

export type { Appointment, AppointmentState } from '@/api/hall';
export type { RemoteTicket, Slot, SlotDay } from '@/api/kiosk';
export type { BoardGroup } from '@/api/screen';

// GET /api/hall/sites/:site/board, the part the portal reads: whether
// tickets are given now and the site's service groups (业务类型). `active`
// false: paused (no tickets, no bookings); `open_windows`: open with a clerk now.
export interface SiteBoard {
  site: { id: number; name: string };
  open_now: boolean;
  hours: string;            // for people: '工作日 08:30-12:00,13:00-17:00,周末及节假日休息'
  remote_tickets: boolean;
  groups: BoardGroup[];
}

// POST /api/citizen/appointments. Name and ID number come from the account;
// `phone` (a mobile) only when the account has none or another is wanted.
export interface AppointmentInput {
  site_id: number;
  group: string;
  slot_start: number;
  phone?: string;
}

// Upcoming ones and the last 30 days', newest slot first (≤ 50).
export const listMyAppointments = (signal?: AbortSignal) =>
  request<{ items: Appointment[] }>('/api/citizen/appointments', opts(signal)).then((r) => r.items);

// 201 with the 预约码. 409 (field slot_start): the slot is full, or the
// person holds a booking that day at the site; 422: past or too far
// (slot_start), blocked after no-shows (id_number), an employer (citizen).
export const bookMyAppointment = (input: AppointmentInput, csrfToken: string) =>
  request<Appointment>('/api/citizen/appointments', { method: 'POST', body: input, headers: csrf(csrfToken) });

// 改约: another slot of the same site and group. 404 not theirs; 409 (field
// code) no longer booked (checked in, cancelled, expired), or as booking.
export const changeMyAppointment = (code: string, slotStart: number, csrfToken: string) =>
  request<Appointment>(`/api/citizen/appointments/${enc(code)}/change`,
    { method: 'POST', body: { slot_start: slotStart }, headers: csrf(csrfToken) });

export const cancelMyAppointment = (code: string, csrfToken: string) =>
  request<Appointment>(`/api/citizen/appointments/${enc(code)}/cancel`, { method: 'POST', headers: csrf(csrfToken) });

// Public: the days (working days within the booking window, from `from`, at
// most `days` of them) with their slots and what is left.
export const listSiteSlots = (siteId: number, group: string, from: string, days = 7, signal?: AbortSignal) =>
  request<{ days: SlotDay[] }>(`/api/hall/sites/${siteId}/slots${buildQuery({ group, from, days })}`, opts(signal))
    .then((r) => r.days);

export const getSiteBoard = (siteId: number, signal?: AbortSignal) =>
  request<SiteBoard>(`/api/hall/sites/${siteId}/board`, opts(signal));

// Public 网上取号 (channel web) where the site's remote_tickets allows: the
// kiosk's hours and open-window rules (422, field group); one waiting ticket
// per mobile number (409, the message names it).
export const takeRemoteTicket = (siteId: number, input: { group: string; phone: string }) =>
  request<RemoteTicket>(`/api/hall/sites/${siteId}/remote-tickets`, { method: 'POST', body: input });

// --- Complaints (投诉举报, 我的投诉) ----------------------------------------------------------------
// The shapes are the complaint API's (api/complaints.ts): a citizen sees
// their own complaints as the reporter does on the public lookup (no staff
// names, notes or unit codes).

export type { ComplaintCategory, ComplaintKind, ComplaintState } from '@/api/complaints';

export type CitizenComplaint = PublicComplaint;

// POST /api/citizen/complaints. Never anonymous: the name, ID number and
// (unless `phone` is given) the phone are the account's, sealed on the
// server. The unit that answers is the case's, else the site's: one of
// case_no and site_id is needed (else 400, field site_id).
export interface CitizenComplaintInput {
  kind: ComplaintKind;
  category: ComplaintCategory;
  content: string;           // 10..2000 characters
  channel: PublicChannel;    // web | mobile
  phone?: string;            // a mobile or a landline with its area code
  case_no?: string;
  site_id?: number;
  window_number?: number;    // 1..999
}

// The complaint as filed, with the query code of the public lookup (given only once).
export type FiledComplaint = CitizenComplaint & { query_code: string };

// The signed-in citizen's complaints, newest first (≤ 100).
export const listMyComplaints = (signal?: AbortSignal) =>
  request<{ items: CitizenComplaint[] }>('/api/citizen/complaints', opts(signal)).then((r) => r.items);

// 201 the complaint. Refusals name their field (kind, category, content,
// phone, case_no, site_id, window_number, channel).
export const fileMyComplaint = (input: CitizenComplaintInput, csrfToken: string) =>
  request<FiledComplaint>('/api/citizen/complaints', { method: 'POST', body: input, headers: csrf(csrfToken) });
