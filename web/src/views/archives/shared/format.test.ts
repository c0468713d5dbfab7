import { describe, expect, it } from 'vitest';
import { beijingToday, daysSince, loanText, locationText } from './format';

describe('archive wording', () => {
  it('joins the parts of a location', () => {
    expect(locationText({ room: '1号库房', cabinet: 'A柜', shelf: '3层', box: '12盒' })).toBe('1号库房 / A柜 / 3层 / 12盒');
    expect(locationText({ room: '', cabinet: '', shelf: '', box: '' })).toBe('—');
  });

  it('says who holds a lent file and until when', () => {
    expect(loanText({ loan: null })).toBe('');
    const loan = {
      id: 1, borrower_unit: '东城区社保中心', borrower_name: '赵*', purpose: '核定', lent_day: '2026-03-02',
      due_day: '2026-03-09', state: 'open' as const, state_name: '借出中', returned_day: '', return_note: '',
      lent_by_name: '王*', overdue: false,
    };
    expect(loanText({ loan })).toBe('借给 东城区社保中心 赵* · 应还 2026-03-09');
  });

  it('counts whole days since the last check, in Beijing days for today', () => {
    expect(daysSince(null)).toBeNull();
    expect(daysSince(0, 3 * 86_400_000 + 5)).toBe(3);
    expect(beijingToday(Date.UTC(2026, 2, 1, 17, 0))).toBe('2026-03-02');  // 01:00 in Beijing
  });
});
