// 推荐与安置 (附件一(一) 职业介绍、托底安置): labels, choices and order.
import { describe, expect, it } from 'vitest';
import type { Placement } from '@/api/employment';
import { endDayAllowed, outcomeChoices, pickerDay, placementFlagTag, referralTag, sortPlacements } from './format';

function placement(id: number, flag: Placement['flag'], start: string, end: string): Placement {
  return { id, resident_id: 1, vacancy_id: 2, resident_name: '张*', vacancy_title: '保洁员', employer_name: '某单位',
    start_day: start, subsidy_end_day: end, state: 'active', state_name: '在岗', end_day: '', end_reason: '', flag,
    flag_name: '', version: 1 };
}

describe('referral labels (Annex1_1)', () => {
  it('colours states and flags', () => {
    expect(referralTag('hired')).toBe('success');
    expect(referralTag('no_show')).toBe('danger');
    expect(placementFlagTag('expired')).toBe('danger');
    expect(placementFlagTag('ending')).toBe('warning');
    expect(placementFlagTag('')).toBeNull();
  });

  it('does not offer 已录用 for a 公益性岗位 (the placement records it)', () => {
    expect(outcomeChoices(false).every((c) => !c.disabled)).toBe(true);
    const welfare = outcomeChoices(true);
    expect(welfare.map((c) => c.value)).toEqual(['hired', 'declined', 'rejected', 'no_show']);
    expect(welfare.find((c) => c.value === 'hired')?.disabled).toBe(true);
    expect(welfare.filter((c) => c.disabled)).toHaveLength(1);
  });

  it('allows end days from the start day to today', () => {
    expect(endDayAllowed('2026-03-01', '2026-03-01', '2026-05-01')).toBe(true);
    expect(endDayAllowed('2026-02-28', '2026-03-01', '2026-05-01')).toBe(false);
    expect(endDayAllowed('2026-05-02', '2026-03-01', '2026-05-01')).toBe(false);
    expect(pickerDay(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('puts expired, then ending subsidies first', () => {
    const sorted = sortPlacements([
      placement(1, '', '2026-01-01', '2028-01-01'),
      placement(2, 'ending', '2024-01-01', '2026-06-10'),
      placement(3, 'expired', '2023-01-01', '2026-04-01'),
      placement(4, '', '2026-03-01', '2028-03-01'),
      placement(5, 'ending', '2024-02-01', '2026-06-01'),
    ]);
    expect(sorted.map((p) => p.id)).toEqual([3, 5, 2, 4, 1]);
  });
});
