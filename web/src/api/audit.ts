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

// Chinese names of the actions the server records (src/*/service.cpp).
export const ACTION_LABELS: Record<string, string> = {
  'session.login': '登录',
  'session.logout': '退出登录',
  'session.totp': '动态口令验证',
  'session.recovery_code': '使用恢复码',
  'session.idle': '会话超时(无操作)',
  'session.expire': '会话到期(12 小时)',
  'session.revoke': '注销会话',
  'account.create': '新建用户',
  'account.update': '修改用户',
  'account.lock': '账户锁定',
  'account.reveal': '查看完整个人信息',
  'account.password.change': '修改密码',
  'account.password.reset': '重置密码',
  'account.totp.enroll': '绑定动态口令',
  'account.totp.reset': '重置动态口令',
  'grant.create': '授予角色',
  'grant.revoke': '撤销角色',
  'org.unit.create': '新增单位',
  'org.unit.update': '修改单位',
  'org.site.create': '新增服务场所',
  'org.site.update': '修改服务场所',
  'org.window.create': '新增窗口',
  'org.window.update': '修改窗口',
  'audit.prune': '审计日志保留期清理',
  'settings.seed': '初始化设置',
};

export const actionLabel = (action: string): string => ACTION_LABELS[action] ?? action;

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
