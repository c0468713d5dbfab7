// Online applications (网上办, docs/api/citizen.md) as the staff pages show
// them: who has taken the case (受理人), and the applicant's declaration.
import type { Case } from '@/api/cases';

export type Claim = 'unclaimed' | 'mine' | 'taken';

// Nobody has taken an online case until a clerk first acts on it; that clerk
// becomes its 受理人 (三(七): who never reviews it). The contract sends null;
// 0 names no account either.
export const isUnclaimed = (c: Pick<Case, 'intake_by'>) => !c.intake_by;

export function claimOf(c: Pick<Case, 'intake_by'>, myId: number | null | undefined): Claim {
  if (isUnclaimed(c)) return 'unclaimed';
  return myId && c.intake_by === myId ? 'mine' : 'taken';
}

export const CLAIM_LABELS: Record<Claim, string> = { unclaimed: '待认领', mine: '本人', taken: '已由他人认领' };

// Waiting for the clerk's pre-check (网上申报待预审): an online case in intake.
export const awaitsPrecheck = (c: Pick<Case, 'channel' | 'status'>) => c.channel === 'online' && c.status === 'intake';

// "3 小时前": how long ago, coarse, for the queue of online applications.
export function agoText(at: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} 小时前`;
  return `${Math.floor(hours / 24)} 天前`;
}
