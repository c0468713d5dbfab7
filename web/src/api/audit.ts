// The audit trail (docs/api/identity.md "Audit").
import { buildQuery, request } from './client';

export type Outcome = 'ok' | 'refused' | 'failed';

export interface AuditEntry {
  seq: number;
  created_at: string;
  actor_id: string;
  actor_login: string;
  actor_role: string;
  unit_id: string;
  site_id: string;
  window_id: string;
  action: string;
  object_type: string;
  object_id: string;
  client_address: string;
  outcome: Outcome | string;
  before_digest: string;
  after_digest: string;
  hash: string;
}

export interface AuditFilter {
  from?: string;  // ISO UTC instant, inclusive
  to?: string;    // ISO UTC instant, exclusive
  actor?: string;
  action?: string;
  object_type?: string;
  object_id?: string;
  outcome?: Outcome | '';
}

export interface AuditPage {
  items: AuditEntry[];
  next_before_seq: number | null;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  bad_seq: number;
  reason: string;
}

export const OUTCOME_LABELS: Record<Outcome, string> = { ok: '成功', refused: '拒绝', failed: '失败' };

function filterParams(f: AuditFilter) {
  return {
    from: f.from, to: f.to, actor: f.actor, action: f.action,
    object_type: f.object_type, object_id: f.object_id, outcome: f.outcome,
  };
}

export const listAudit = (filter: AuditFilter, page: { before_seq?: number | null; limit?: number } = {}) =>
  request<AuditPage>(`/api/audit${buildQuery({ ...filterParams(filter), before_seq: page.before_seq, limit: page.limit })}`);
// A plain link: the browser downloads the CSV with the session cookie.
export const auditExportUrl = (filter: AuditFilter) => `/api/audit/export${buildQuery(filterParams(filter))}`;
export const verifyAudit = () => request<VerifyResult>('/api/audit/verify', { method: 'POST' });
