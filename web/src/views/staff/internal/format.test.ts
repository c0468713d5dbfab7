import { describe, expect, it } from 'vitest';
import { findingOverdue, formatMillis, formatPeriod } from './format';

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
