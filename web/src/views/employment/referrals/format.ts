// Labels and tag colours of 推荐与安置 (附件一(一) 职业介绍、托底安置), pure so
// they are tested without a browser.
import { OUTCOME_LABELS, type Placement, type ReferralOutcome, type ReferralState } from '@/api/employment';
import type { TagType } from '../shared/labels';

export const REFERRAL_FILTERS: readonly { value: ReferralState | ''; label: string }[] = [
  { value: 'referred', label: '待反馈' },
  { value: 'hired', label: '已录用' },
  { value: 'declined', label: '本人放弃' },
  { value: 'rejected', label: '单位未录用' },
  { value: 'no_show', label: '未到场' },
  { value: '', label: '全部' },
];

export type PlacementFilter = 'active' | 'ended' | 'all';
export const PLACEMENT_FILTERS: readonly { value: PlacementFilter; label: string }[] = [
  { value: 'active', label: '在岗' },
  { value: 'ended', label: '已结束' },
  { value: 'all', label: '全部' },
];

const REFERRAL_TAG: Record<ReferralState, TagType> = {
  referred: 'primary', hired: 'success', declined: 'info', rejected: 'warning', no_show: 'danger',
};
export const referralTag = (state: ReferralState): TagType => REFERRAL_TAG[state];

// 补贴已到期 red, 补贴即将到期 (30 days or less) amber; nothing otherwise.
export function placementFlagTag(flag: Placement['flag']): TagType | null {
  if (flag === 'expired') return 'danger';
  if (flag === 'ending') return 'warning';
  return null;
}

// The outcomes a worker may record. A 公益性岗位 is not "hired" by a
// referral outcome: the placement (岗位安置) records it with its subsidy
// period, so that choice is shown disabled with the reason.
export function outcomeChoices(welfare: boolean): { value: ReferralOutcome; label: string; disabled: boolean }[] {
  return (Object.keys(OUTCOME_LABELS) as ReferralOutcome[]).map((value) => ({
    value, label: OUTCOME_LABELS[value], disabled: welfare && value === 'hired',
  }));
}

// Which days the 结束安置 picker allows: from the start day to today.
export function endDayAllowed(day: string, startDay: string, today: string): boolean {
  return day >= startDay && day <= today;
}

// Placements needing attention first (expired, then ending, by end day),
// the rest by start day, newest first.
export function sortPlacements(items: readonly Placement[]): Placement[] {
  const rank = (p: Placement) => (p.flag === 'expired' ? 0 : p.flag === 'ending' ? 1 : 2);
  return [...items].sort((a, b) => rank(a) - rank(b)
    || (rank(a) < 2 ? a.subsidy_end_day.localeCompare(b.subsidy_end_day) : b.start_day.localeCompare(a.start_day))
    || b.id - a.id);
}

// The day a date picker cell stands for ('YYYY-MM-DD'): the picker hands
// out local midnights, so the local calendar day, whatever the time zone.
export function pickerDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
