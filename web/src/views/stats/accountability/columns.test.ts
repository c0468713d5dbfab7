import { describe, expect, it } from 'vitest';
import type { AccountabilityCounts } from '@/api/stats';
import { countText } from './columns';

const counts = (over: Partial<AccountabilityCounts>): AccountabilityCounts => ({
  overdue_cases: 0, findings: 0, open_findings: 0, upheld_complaints: 0, bad_ratings: 0,
  escalated_rectifications: 0, total: 0, ...over,
});

describe('accountability cells', () => {
  it('findings name the open ones when there are any', () => {
    expect(countText(counts({ findings: 3, open_findings: 1 }), 'findings')).toBe('3(未整改 1)');
    expect(countText(counts({ findings: 2 }), 'findings')).toBe('2');
    expect(countText(counts({ bad_ratings: 1 }), 'bad_ratings')).toBe('1');
  });
});
