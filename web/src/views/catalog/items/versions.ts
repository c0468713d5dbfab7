// Versions of a catalog item: their tags, which one is in force, the
// effective date sent on approval, and what a refused action means.
import { ApiError, describeError } from '@/api/client';
import type { Summary, VersionStatus } from '@/api/catalog';

export type TagType = 'info' | 'warning' | 'success' | 'danger' | 'primary';

export function statusTagType(status: VersionStatus | string): TagType {
  if (status === 'published') return 'success';
  if (status === 'review') return 'warning';
  return 'info';
}

// Among published versions: the one in force now, the ones waiting for their
// effective date, and the ones replaced by a later version.
export type PublishedState = 'current' | 'pending' | 'superseded';

export const PUBLISHED_STATE_LABELS: Record<PublishedState, string> = {
  current: '现行', pending: '待生效', superseded: '已替代',
};

export function publishedStates(
  versions: readonly Pick<Summary, 'id' | 'number' | 'status' | 'effective_from'>[], now: number,
): Map<number, PublishedState> {
  const states = new Map<number, PublishedState>();
  const published = versions.filter((v) => v.status === 'published').sort((a, b) => b.number - a.number);
  let current: number | null = null;
  for (const v of published) {
    const from = v.effective_from ? Date.parse(v.effective_from) : Number.NaN;
    if (!Number.isNaN(from) && from > now) states.set(v.id, 'pending');
    else if (current === null) {
      current = v.id;
      states.set(v.id, 'current');
    } else states.set(v.id, 'superseded');
  }
  return states;
}

// A new draft starts from the newest version, and only when that is published.
export function canStartDraft(versions: readonly Pick<Summary, 'status'>[]): boolean {
  return versions[0]?.status === 'published';
}

// The effective_from to send: the server reads a date as 00:00 that day and
// refuses the past, so today (or an earlier day) is sent as "at once".
export function effectiveParam(date: string | null | undefined, today: string): string | undefined {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || date <= today) return undefined;
  return date;
}

// A title for a refused action; the server's message says the rest
// (e.g. 须由编辑和提交者以外的另一人审核发布).
export function actionErrorTitle(e: unknown): string {
  if (!(e instanceof ApiError)) return '操作失败';
  if (e.status === 403) return '没有权限执行此操作';
  if (e.status === 409) return '数据已变化,请刷新后重试';
  if (e.status === 422) return '尚未通过合规检查,不能提交审核';
  if (e.status === 404) return '事项或版本不存在';
  return '操作失败';
}

export interface ActionError {
  title: string;
  message: string;
  forbidden: boolean;
}

export function actionError(e: unknown): ActionError {
  return { title: actionErrorTitle(e), message: describeError(e), forbidden: e instanceof ApiError && e.status === 403 };
}

// edited_by / submitted_by / reviewed_by carry the account id (audit actor
// id); the list also sends the login name when the account exists.
export function actorText(id: string, myId?: number | null, login?: string): string {
  if (!id) return '—';
  if (id === 'system') return '系统';
  const mine = myId !== undefined && myId !== null && id === String(myId);
  const name = login ? login : /^\d+$/.test(id) ? `账号 ${id}` : id;
  return `${name}${mine ? '(我)' : ''}`;
}

// The one who edited or submitted a version may not review it.
export function isOwnWork(v: { edited_by: string; submitted_by: string }, myId?: number | null): boolean {
  if (myId === undefined || myId === null) return false;
  return v.edited_by === String(myId) || v.submitted_by === String(myId);
}
