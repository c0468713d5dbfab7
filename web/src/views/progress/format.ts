// How the public progress reads, on the phone page and on the kiosk alike.
import type { ClockState, ProgressStep } from '@/api/cases';

// Newest first, as people look for where their case is now. Steps of one
// action share a millisecond (受理 and 转入后台办理): the server's order
// (oldest first) breaks the tie, reversed.
export function newestFirst(steps: readonly ProgressStep[]): ProgressStep[] {
  return steps.map((s, i) => ({ s, i })).sort((a, b) => b.s.at - a.s.at || b.i - a.i).map(({ s }) => s);
}

// The clock in words for citizens ("" when the case is not timed).
export function publicClockText(clock: ClockState | undefined): string {
  switch (clock) {
    case 'on_time': return '按时办理中';
    case 'warning': return '即将到期';
    case 'overdue': return '已超过承诺时限';
    case 'suspended': return '补正材料期间暂停计时';
    default: return '';
  }
}
