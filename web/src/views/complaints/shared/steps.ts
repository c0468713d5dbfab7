// The reporter's view of a complaint as steps (GB/T 36113: 受理 → 调查处置
// → 答复 → 回访归档): 收到 → 受理 → 答复 → 办结, or 收到 → 不予受理.
import type { PublicComplaint } from '@/api/complaints';

export interface ComplaintStep {
  key: 'received' | 'accepted' | 'replied' | 'closed' | 'rejected';
  title: string;
  at: number | null;  // ms since the epoch; null while still to come
  hint: string;       // the deadline of a step to come, or what happened
}

type Steppable = Pick<PublicComplaint,
  'state' | 'created_at' | 'accepted_at' | 'replied_at' | 'closed_at' | 'accept_due_day' | 'reply_due_day' | 'reject_reason'>;

export function complaintSteps(c: Steppable): ComplaintStep[] {
  const received: ComplaintStep = { key: 'received', title: '已收到', at: c.created_at, hint: '' };
  if (c.state === 'rejected') {
    return [received, { key: 'rejected', title: '不予受理', at: c.closed_at, hint: c.reject_reason }];
  }
  return [
    received,
    { key: 'accepted', title: '受理', at: c.accepted_at,
      hint: c.accepted_at === null && c.accept_due_day ? `应于 ${c.accept_due_day} 前受理` : '' },
    { key: 'replied', title: '答复', at: c.replied_at,
      hint: c.replied_at === null && c.reply_due_day ? `应于 ${c.reply_due_day} 前答复` : '' },
    { key: 'closed', title: '办结', at: c.closed_at, hint: '' },
  ];
}

// The deadline of the step at hand: accept while received, reply while
// accepted; "" once answered.
type Dues = Pick<PublicComplaint, 'state' | 'accept_due_day' | 'reply_due_day'> & { close_due_day?: string };

export function dueDay(c: Dues): string {
  if (c.state === 'received') return c.accept_due_day;
  if (c.state === 'accepted') return c.reply_due_day;
  if (c.state === 'replied') return c.close_due_day ?? '';
  return '';
}

// The same as words, for a fact line.
export function currentDue(c: Dues): string {
  const day = dueDay(c);
  if (!day) return '';
  if (c.state === 'replied') return `${day} 前回访归档`;
  return c.state === 'received' ? `${day} 前受理` : `${day} 前答复`;
}

export function upheldText(upheld: boolean | null): string {
  if (upheld === null) return '';
  return upheld ? '属实' : '不属实';
}

// 手机 or 电脑: the public channel the server records.
export function publicChannel(userAgent: string): 'web' | 'mobile' {
  return /Mobi|Android|iPhone|iPad/.test(userAgent) ? 'mobile' : 'web';
}

export const CONTENT_MIN = 10;
export const CONTENT_MAX = 2000;

// Characters as people count them (a Chinese character is one).
export function contentProblem(text: string): string {
  const n = [...text.trim()].length;
  if (n === 0) return '请描述具体情况';
  if (n < CONTENT_MIN) return `请至少写 ${CONTENT_MIN} 个字,当前 ${n} 个字`;
  if (n > CONTENT_MAX) return `不能超过 ${CONTENT_MAX} 个字,当前 ${n} 个字`;
  return '';
}
