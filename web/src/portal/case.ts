// 办件详情 for the applicant (GET /api/citizen/cases/:case_no): the stages
// of a case, times in Beijing, the timeline in words, what a correction
// (补正) needs, and the receipt token that opens the rating. Pure, tested
// without a browser.
import { EVENT_KIND_LABELS } from '@/api/cases';
import { labelOf } from '@/api/catalog';
import { parseReceiptCode } from '@/views/progress/receipt';
import type { CaseMaterial, CaseStep, CitizenCaseDetail } from './api';
import { NOTE_MAX, type FieldProblem } from './apply';
import { isBusy, uploadedIds, type UploadEntry } from './upload';

// --- Times -------------------------------------------------------------------------------------

export { timeText } from './citizen';

// The machine form of a time, for <time datetime>.
export const isoOf = (ms: number) => new Date(ms).toISOString();

// --- Stages ------------------------------------------------------------------------------------

export type StageState = 'done' | 'current' | 'todo' | 'ended' | 'skipped';

export interface StageView {
  key: string;
  label: string;
  state: StageState;
}

const STAGES = [
  { key: 'submit', label: '提交申请' },
  { key: 'intake', label: '预审受理' },
  { key: 'review', label: '审核办理' },
  { key: 'done', label: '办结' },
  { key: 'deliver', label: '结果送达' },
] as const;

// Where a status stands among the stages people know: the index of the
// current stage (all done past the end).
const CURRENT: Record<string, number> = {
  intake: 1, notified: 1, rejected: 1, review: 2, returned: 2, ready: 4, delivered: 5, closed: 5,
};

// The five stages of a case with their state: done before the current one;
// 不予受理 ends the case at 预审受理 and skips the rest.
export function stagesOf(status: string): StageView[] {
  const at = CURRENT[status] ?? 1;
  return STAGES.map((s, i) => {
    let state: StageState;
    if (status === 'rejected') state = i < at ? 'done' : i === at ? 'ended' : 'skipped';
    else state = i < at ? 'done' : i === at ? 'current' : 'todo';
    return { key: s.key, label: s.label, state };
  });
}

export const STAGE_STATE_TEXT: Record<StageState, string> = {
  done: '已完成', current: '进行中', todo: '未开始', ended: '已终止', skipped: '不再办理',
};

// --- Timeline -----------------------------------------------------------------------------------

// What happened, in words: the case timeline's labels; a kind this build does
// not know reads as a plain progress line, not as its code.
export function stepTitle(kind: string): string {
  const label = labelOf(EVENT_KIND_LABELS, kind);
  return label === kind ? '办理进展' : label;
}

// Newest first; steps of one action share a millisecond, and then the
// server's order (oldest first) is kept, reversed.
export function newestFirst(steps: readonly CaseStep[]): CaseStep[] {
  return steps.map((s, i) => ({ s, i })).sort((a, b) => b.s.at - a.s.at || b.i - a.i).map(({ s }) => s);
}

export function clockText(clock: string): string {
  switch (clock) {
    case 'on_time': return '按时办理中';
    case 'warning': return '即将到期';
    case 'overdue': return '已超过承诺时限';
    case 'suspended': return '补正材料期间暂停计时';
    default: return '';
  }
}

export type Tone = 'done' | 'action' | 'ended' | 'progress' | 'plain';

export function materialTone(state: string): Tone {
  if (state === 'received' || state === 'exempt') return 'done';
  if (state === 'missing' || state === 'defective') return 'action';
  if (state === 'not_applicable') return 'plain';
  return 'progress';
}

// The server sends a count of files (as the staff case does); a list counts too.
export function fileCount(files: CaseMaterial['files'] | undefined): number {
  if (typeof files === 'number') return Number.isFinite(files) ? files : 0;
  return Array.isArray(files) ? files.length : 0;
}

// --- Correction (补正) ------------------------------------------------------------------------

export interface CorrectionSlot {
  idx: number;
  name: string;
  reason: string;
}

// The materials that take new files: those on the one-time notice (each
// one needed), or after a reviewer's return any material not obtained by
// data sharing (as the reviewer asks).
export function correctionSlots(c: Pick<CitizenCaseDetail, 'correction' | 'materials'>): CorrectionSlot[] {
  if (!c.correction) return [];
  if (c.correction.kind === 'notice') {
    return c.correction.materials.map((m) => ({ idx: m.idx, name: m.name, reason: m.reason }));
  }
  return c.materials.filter((m) => m.state !== 'exempt').map((m) => ({ idx: m.idx, name: m.name, reason: m.reason }));
}

export const CORRECTION_FORM = 'correction';

// Every problem of a correction, in the order of the page.
export function validateCorrection(
  c: Pick<CitizenCaseDetail, 'correction' | 'materials'>, note: string, filesOf: (idx: number) => readonly UploadEntry[],
): FieldProblem[] {
  if (!c.correction) return [];
  const problems: FieldProblem[] = [];
  const slots = correctionSlots(c);
  for (const s of slots) {
    const entries = filesOf(s.idx);
    if (isBusy(entries)) problems.push({ field: `materials[${s.idx}]`, message: '文件还在上传,请等上传完成后再提交' });
    else if (c.correction.kind === 'notice' && uploadedIds(entries).length === 0) {
      problems.push({ field: `materials[${s.idx}]`, message: '请上传补正后的材料' });
    }
  }
  if ([...note.trim()].length > NOTE_MAX) problems.push({ field: 'note', message: `补正说明不超过 ${NOTE_MAX} 字` });
  if (c.correction.kind === 'return' && problems.length === 0 && note.trim() === ''
    && slots.every((s) => uploadedIds(filesOf(s.idx)).length === 0)) {
    problems.push({ field: CORRECTION_FORM, message: '请上传补正材料,或填写补正说明' });
  }
  return problems;
}

// The field of the correction form a server error belongs to (null: the page's alert).
export function correctionFieldOf(serverField: string, slotIdxs: readonly number[]): string | null {
  if (serverField === 'note') return 'note';
  if (serverField === 'materials') return CORRECTION_FORM;
  const m = /^materials\[(\d+)\]/.exec(serverField);
  if (m && slotIdxs.includes(Number(m[1]))) return `materials[${m[1]}]`;
  return null;
}

// --- Rating ------------------------------------------------------------------------------------

// The receipt's token in progress_path (/progress/<no>?t=<token>), which
// proves the case to the public rating endpoints; null when the path is not
// that case's.
export function progressToken(progressPath: string, caseNo: string): string | null {
  const code = parseReceiptCode(progressPath);
  return code && code.caseNo === caseNo ? code.token : null;
}

// 评价 once the case has ended for the applicant (出件, 归档, 不予受理), or
// whenever the server says a stage may be rated.
export function ratingOpen(c: Pick<CitizenCaseDetail, 'status' | 'can_rate'>): boolean {
  return c.can_rate === true || c.status === 'delivered' || c.status === 'closed' || c.status === 'rejected';
}
