import { describe, expect, it } from 'vitest';
import { salaryText, visitText } from './labels';

describe('employment labels', () => {
  it('says the salary range people read on a vacancy', () => {
    expect(salaryText(null, null)).toBe('面议');
    expect(salaryText(6000, 8000)).toBe('6000–8000 元/月');
    expect(salaryText(6000, 6000)).toBe('6000 元/月');
    expect(salaryText(6000, null)).toBe('6000 元/月起');
    expect(salaryText(null, 9000)).toBe('最高 9000 元/月');
  });
  it('says when the next visit is', () => {
    expect(visitText('', false)).toBe('无需回访');
    expect(visitText('2026-12-03', true)).toBe('待回访(2026-12-03)');
    expect(visitText('2027-03-03', false)).toBe('下次回访 2027-03-03');
  });
});
