import { describe, expect, it } from 'vitest';
import {
  checklistJudgement, checklistResult, failedPoints, findingOverdue, formatMillis, formatPeriod, stepLabel,
} from './format';

describe('internal check formatting', () => {
  it('a finding is overdue only when past its day and still open', () => {
    expect(findingOverdue({ due_day: '2026-11-20', closed_at: null }, '2026-11-21')).toBe(true);
    expect(findingOverdue({ due_day: '2026-11-21', closed_at: null }, '2026-11-21')).toBe(false);
    expect(findingOverdue({ due_day: '2026-11-20', closed_at: 1764000000000 }, '2026-11-21')).toBe(false);
  });

  it('periods and times', () => {
    expect(formatPeriod('2026-11-01', '2026-11-01')).toBe('2026-11-01');
    expect(formatPeriod('2026-11-01', '2026-11-30')).toBe('2026-11-01 至 2026-11-30');
    expect(formatMillis(Date.UTC(2026, 10, 26, 1, 2, 3))).toBe('2026-11-26 09:02:03');
    expect(formatMillis(null)).toBe('—');
  });
});

describe('the checklist of 待遇发放复核', () => {
  const all = { eligibility: true, standard: true, account: true, approval: true };

  it('is 无问题 only when all four points hold', () => {
    expect(checklistResult(all)).toBe('ok');
    expect(checklistResult({ ...all, account: false })).toBe('finding');
    expect(failedPoints({ ...all, standard: false, approval: false })).toEqual(['标准与金额', '审批手续完整']);
  });

  it('sends the checklist with the result that follows from it', () => {
    expect(checklistJudgement(all, '', 10)).toEqual({ result: 'ok', checklist: all });
    expect(checklistJudgement({ ...all, eligibility: false }, '不符合领取条件', 5)).toEqual({
      result: 'finding', note: '不符合领取条件', due_days: 5, checklist: { ...all, eligibility: false },
    });
  });

  it('names the steps of the handlers', () => {
    expect(stepLabel('accept')).toBe('受理');
    expect(stepLabel('review_first')).toBe('初审');
    expect(stepLabel('复核')).toBe('复核');
  });
});
