// How the case pages show times, tags, timeline lines and refused actions.
import { ApiError, describeError } from '@/api/client';
import {
  BACK_OFFICE_STEP_LABELS, CLOCK_LABELS, EVENT_KIND_LABELS, STATUS_LABELS, type Case, type CaseStatus, type CaseUnit,
  type ClockState,
} from '@/api/cases';
import { labelOf } from '@/api/catalog';
import { formatShanghai } from '@/utils/time';

export type TagType = 'info' | 'warning' | 'success' | 'danger' | 'primary';

// Epoch milliseconds as Beijing wall time; "—" when there is none.
export function caseTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return formatShanghai(new Date(ms).toISOString());
}

export function caseDay(ms: number | null | undefined): string {
  const t = caseTime(ms);
  return t === '—' ? t : t.slice(0, 10);
}

// The server's label first; the map for answers that come without one.
export function statusLabel(status: string, label = ''): string {
  return label || labelOf(STATUS_LABELS, status);
}

export function statusTagType(status: CaseStatus | string): TagType {
  switch (status) {
    case 'intake': case 'review': return 'primary';
    case 'notified': case 'returned': return 'warning';
    case 'rejected': return 'danger';
    case 'ready': case 'delivered': case 'closed': return 'success';
    default: return 'info';
  }
}

// Amber for the 80% warning, red when overdue (限时办结).
export function clockTagType(clock: ClockState | string): TagType {
  if (clock === 'warning') return 'warning';
  if (clock === 'overdue') return 'danger';
  if (clock === 'on_time') return 'success';
  return 'info';
}

export const clockLabel = (clock: string) => labelOf(CLOCK_LABELS, clock);

// The window's own steps, which events and accountability records name too.
const WINDOW_STEP_LABELS: Record<string, string> = { consult: '咨询', intake: '受理', deliver: '出件' };
const isBackOfficeStep = (step: string) => Object.prototype.hasOwnProperty.call(BACK_OFFICE_STEP_LABELS, step);

export const stepLabel = (step: string) =>
  (!step ? '' : isBackOfficeStep(step) ? labelOf(BACK_OFFICE_STEP_LABELS, step) : labelOf(WINDOW_STEP_LABELS, step));

// "转入后台办理 · 初审": the kind, and the back-office step when it has one
// (a window step adds nothing to "受理" or "出件").
export function eventTitle(kind: string, step: string): string {
  const label = labelOf(EVENT_KIND_LABELS, kind);
  return isBackOfficeStep(step) ? `${label} · ${stepLabel(step)}` : label;
}

export const windowText = (n: number | null | undefined) => (n === null || n === undefined ? '' : `${n} 号窗口`);

// A unit by its name; the code only when the server sent no name.
export const unitText = (name: string | null | undefined, code: string | null | undefined) => name || code || '';

// The unit that handles a case: the receiving one after 全城通办 or a
// transfer, else the one that took it in.
export function handlingUnitText(c: Pick<Case, 'handling_unit_code' | 'handling_unit_name' | 'intake_unit_code'
  | 'intake_unit_name'>): string {
  return c.handling_unit_code ? unitText(c.handling_unit_name, c.handling_unit_code)
    : unitText(c.intake_unit_name, c.intake_unit_code);
}

// "东城区 · 东华门街道" for a street, "东城区" for a district.
export const caseUnitLabel = (u: Pick<CaseUnit, 'name' | 'level' | 'parent_name'>) =>
  (u.level === 3 && u.parent_name ? `${u.parent_name} · ${u.name}` : u.name);

export interface ActionProblem {
  title: string;
  message: string;
}

// A refused action in words: the title says what kind of refusal, the
// server's message (with the request id) says the rest.
export function actionProblem(e: unknown): ActionProblem {
  const message = describeError(e);
  if (!(e instanceof ApiError)) return { title: '操作失败', message };
  if (e.status === 409) return { title: '办件状态已变化,请刷新后再办理', message };
  if (e.status === 422 && e.field === 'authorization') {
    return { title: '请先上传授权委托书', message: `${message};请在“材料核验”下方上传后再受理。` };
  }
  if (e.status === 422) {
    return { title: e.field === 'Idempotency-Key' ? '重复提交的内容不一致,请重新操作' : '不符合办理条件', message };
  }
  if (e.status === 403) {
    return { title: e.field === 'step' ? '不相容岗位:您不能办理此环节' : '没有权限执行此操作', message };
  }
  if (e.status === 400) return { title: '填写有误', message };
  if (e.status === 404) return { title: '办件不存在或不在您的管辖范围', message };
  return { title: '操作失败', message };
}

// A PDF the server makes after an action: the tab is opened while the click
// still counts as the person's (popup blockers), then pointed at the PDF once
// the action succeeded, or closed when it failed.
export interface PendingTab {
  show(url: string): void;
  cancel(): void;
}

export function openPendingTab(): PendingTab {
  const tab = window.open('about:blank', '_blank');
  if (tab) tab.opener = null;
  return {
    show(url: string) {
      if (tab && !tab.closed) tab.location.href = url;
      else window.open(url, '_blank', 'noopener');
    },
    cancel() {
      if (tab && !tab.closed) tab.close();
    },
  };
}

// Runs `act` with a pending tab open, then shows the PDF at `url(answer)` in
// it; a failure closes the tab and is thrown on.
export async function withPdfTab<T>(act: () => Promise<T>, url: (answer: T) => string): Promise<T> {
  const tab = openPendingTab();
  try {
    const answer = await act();
    tab.show(url(answer));
    return answer;
  } catch (e) {
    tab.cancel();
    throw e;
  }
}

export function materialTagType(state: string): TagType {
  if (state === 'received' || state === 'exempt') return 'success';
  if (state === 'missing' || state === 'defective') return 'danger';
  if (state === 'not_applicable') return 'info';
  return 'warning';
}
