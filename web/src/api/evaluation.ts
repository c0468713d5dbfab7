// 好差评 and 整改 (docs/api/evaluation.md, issue 10, item 1; policy 四(三)):
// the window's evaluation pad (评价器, `Authorization: Device <pad token>`),
// citizens rating a case's stages on the progress page or a kiosk, and the
// staff lists, figures and rectification tasks. Days are Beijing YYYY-MM-DD,
// times UTC epoch milliseconds. Contacts and staff names arrive masked; the
// citizen's view carries no staff name at all.
import { buildQuery, request } from './client';
import type { Device, DeviceInput } from './hall';

export type Level = 1 | 2 | 3 | 4 | 5;
export type Stage = 'served' | 'accepted' | 'completed' | 'delivered';
export type CaseStage = Exclude<Stage, 'served'>;
export type Channel = 'pad' | 'kiosk' | 'web' | 'mobile' | 'receipt';
export type CitizenChannel = 'web' | 'mobile' | 'receipt';
export type RectificationState = 'open' | 'closed';
export type RectificationFilter = 'open' | 'overdue' | 'closed';
export type CallbackOutcome = 'reached' | 'unreachable' | 'declined';

export interface LevelMeta { level: Level; name: string; bad: boolean }
export interface ReasonMeta { code: string; name: string; bad: boolean }
export interface EvaluationMeta { levels: LevelMeta[]; reasons: ReasonMeta[] }

export interface Evaluation {
  id: number;
  target_kind: 'ticket' | 'case';
  target_id: number;
  stage: Stage;
  stage_name: string;
  channel: Channel;
  channel_name: string;
  level: Level;
  level_name: string;
  reasons: string[];
  has_comment: boolean;
  contact: string;          // masked, '' when none
  unit_code: string;
  unit_name: string;
  site_name: string;
  window_number: number | null;
  staff_name?: string;      // masked; never in the citizen's view
  item_code: string;
  item_name: string;
  day: string;
  created_at: number;
  rectification_id: number | null;
  excluded: boolean;        // 申诉成立: counted in no figure
}

// 申诉复核 (四(三)): the responsible unit appeals a bad rating once; the unit above reviews.
export type AppealReason = 'mistaken' | 'malicious' | 'not_ours' | 'other';
export type AppealState = 'pending' | 'upheld' | 'rejected';
export type AppealDecision = 'uphold' | 'reject';

export interface Appeal {
  id: number;
  rectification_id: number;
  evaluation_id: number;
  unit_code: string;
  unit_name: string;
  review_unit_code: string;
  review_unit_name: string;
  reason: AppealReason;
  reason_name: string;
  explanation: string;
  state: AppealState;
  state_name: string;
  appealed_by: number;
  appellant_name: string;   // masked
  appealed_at: number;
  reviewed_by: number | null;
  reviewer_name: string;    // masked
  reviewed_at: number | null;
  review_note: string;
  version: number;
}

// A list row or the detail: with the rating (the detail opens its comment)
// and whether the caller made the appeal (who may then not review it).
export interface AppealItem extends Appeal {
  own: boolean;
  evaluation: Evaluation & { comment?: string | null };
}

export interface Rectification {
  id: number;
  evaluation_id: number;
  unit_code: string;
  unit_name: string;
  state: RectificationState;
  due_day: string;
  escalation: number;       // 0 at the unit, 1 the unit above, 2 the one above that
  escalated_to: string | null;
  escalated_to_name: string | null;
  escalated_at: number | null;
  callback_outcome: CallbackOutcome | null;
  callback_note: string | null;
  callback_at: number | null;
  result: string | null;
  closed_at: number | null;
  created_at: number;
  version: number;
  appeal_state: AppealState | '';
  // The detail (GET /api/rectifications/:id) opens the comment, and carries
  // the appeal (without its rating) and the last day to make one.
  evaluation: Evaluation & { comment?: string | null };
  appeal?: Appeal;
  appeal_due_day?: string;
}

// What the citizen sees of the rectification of their own bad rating.
export interface CitizenRectification {
  state: RectificationState;
  unit_name: string;
  due_day: string;
  called_back: boolean;
  result: string | null;
  closed_at: number | null;
  appeal?: { state: AppealState; state_name: string } | null;  // the review's result, never its reasons
}

export interface StageView { stage: CaseStage; stage_name: string; reached: boolean; rated_channels: Channel[] }
export interface CitizenRating extends Evaluation { rectification: CitizenRectification | null }
export interface CaseEvaluationView { stages: StageView[]; ratings: CitizenRating[] }

export interface PadTicket {
  ticket_id: number;
  label: string;
  group_name: string;
  clerk_name: string;       // masked
  badge: string;
  finished_at: number;
}
export interface PadCurrent { site_name: string; window_number: number; ticket: PadTicket | null }

export interface RatingInput { level: Level; reasons?: string[]; comment?: string; contact?: string }
// The case is proven by the receipt's token or the applicant's full ID number.
export type CaseProof = { t: string } | { id_number: string };
export type CaseRatingInput = CaseProof & RatingInput & { stage: CaseStage; channel?: CitizenChannel };

export interface EvaluationFilter {
  unit?: string;
  from?: string;
  to?: string;
  max_level?: number;
  channel?: Channel | '';
}
export interface EvaluationSummary { total: number; good_rate: number; by_level: { level: Level; name: string; count: number }[] }
export interface EvaluationList { items: Evaluation[]; summary: EvaluationSummary }

export const LEVELS: readonly Level[] = [5, 4, 3, 2, 1];
export const isBadLevel = (level: number): boolean => level <= 2;

export const CHANNEL_LABELS: Record<Channel, string> = {
  pad: '窗口评价器', kiosk: '自助终端', web: '网上', mobile: '掌上', receipt: '回执二维码',
};
export const APPEAL_REASON_LABELS: Record<AppealReason, string> = {
  mistaken: '误评', malicious: '恶意差评', not_ours: '非本单位职责', other: '其他',
};
export const APPEAL_STATE_LABELS: Record<AppealState, string> = {
  pending: '复核中', upheld: '申诉成立', rejected: '申诉不成立',
};

export const CALLBACK_OUTCOME_LABELS: Record<CallbackOutcome, string> = {
  reached: '已联系上', unreachable: '无法联系', declined: '拒绝回访',
};

const enc = encodeURIComponent;
const device = (token: string) => ({ Authorization: `Device ${token}` });

// --- Public -------------------------------------------------------------------------------

export const getEvaluationMeta = () => request<EvaluationMeta>('/api/evaluation/meta');

// A kiosk sends its device token (the server sets the channel); others name theirs.
export const rateCase = (caseNo: string, input: CaseRatingInput, kioskToken?: string) =>
  request<Evaluation>(`/api/progress/${enc(caseNo)}/evaluations`,
    { method: 'POST', body: input, headers: kioskToken ? device(kioskToken) : undefined });

// The proof goes in the body, never the address.
export const viewCaseEvaluations = (caseNo: string, proof: CaseProof) =>
  request<CaseEvaluationView>(`/api/progress/${enc(caseNo)}/evaluations/view`, { method: 'POST', body: proof });

// --- The window's pad (401: not paired) ---------------------------------------------------

export const getPadCurrent = (token: string, signal?: AbortSignal) =>
  request<PadCurrent>('/api/pad/current', { headers: device(token), signal });

export const ratePadTicket = (token: string, input: RatingInput & { ticket_id: number }) =>
  request<Evaluation>('/api/pad/evaluations', { method: 'POST', headers: device(token), body: input });

// The hall manager registers a pad for one window (api/hall.ts knows kiosks
// and agents; a pad is the same registration with kind 'pad').
export type PadInput = Omit<DeviceInput, 'kind' | 'printer'> & { window_id: number };
export const registerPad = (siteId: number, input: PadInput) =>
  request<{ device: Device; token: string }>(`/api/hall/sites/${siteId}/devices`,
    { method: 'POST', body: { kind: 'pad', ...input } });

export const padPairingLink = (origin: string, token: string): string => `${origin}/pad/pair#${token}`;

// --- Staff --------------------------------------------------------------------------------

export const listEvaluations = (filter: EvaluationFilter = {}) =>
  request<EvaluationList>(`/api/evaluations${buildQuery({ ...filter })}`);

export const listRectifications = (state: RectificationFilter) =>
  request<{ items: Rectification[] }>(`/api/rectifications${buildQuery({ state })}`);

export const getRectification = (id: number) => request<Rectification>(`/api/rectifications/${id}`);

// Audited on the server: who saw which phone number, when.
export const revealContact = (id: number) =>
  request<{ contact: string }>(`/api/rectifications/${id}/reveal-contact`, { method: 'POST' });

export const recordCallback = (id: number, input: { outcome: CallbackOutcome; note: string }) =>
  request<Rectification>(`/api/rectifications/${id}/callback`, { method: 'POST', body: input });

export const closeRectification = (id: number, input: { result: string; version: number }) =>
  request<Rectification>(`/api/rectifications/${id}/close`, { method: 'POST', body: input });

// --- 申诉复核 -------------------------------------------------------------------------------

export const appealRectification = (id: number, input: { reason: AppealReason; explanation: string }) =>
  request<Rectification>(`/api/rectifications/${id}/appeal`, { method: 'POST', body: input });

export const listAppeals = (state: AppealState | '' = '') =>
  request<{ items: AppealItem[] }>(`/api/appeals${buildQuery({ state })}`);

export const getAppeal = (id: number) => request<AppealItem>(`/api/appeals/${id}`);

export const reviewAppeal = (id: number, input: { decision: AppealDecision; note: string; version: number }) =>
  request<AppealItem>(`/api/appeals/${id}/review`, { method: 'POST', body: input });
