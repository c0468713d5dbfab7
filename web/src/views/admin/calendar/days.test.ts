import { describe, expect, it } from 'vitest';
import { markKind, monthGrid, weekday } from './days';
import { shanghaiDate } from '@/utils/time';

describe('calendar days', () => {
  it('knows weekdays and the Beijing date', () => {
    expect(weekday('2025-01-24')).toBe(5);
    expect(weekday('2025-01-26')).toBe(7);
    expect(shanghaiDate(new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26');
    expect(markKind('2025-01-26')).toBe('workday');
    expect(markKind('2025-01-28')).toBe('holiday');
  });

  it('lays a month out Monday first with the marks applied', () => {
    const marks = new Map([['2025-01-26', { day: '2025-01-26', kind: 'workday' as const, name: '春节调休上班' }],
      ['2025-01-28', { day: '2025-01-28', kind: 'holiday' as const, name: '春节' }]]);
    const weeks = monthGrid(2025, 1, marks);
    expect(weeks[0]?.slice(0, 2)).toEqual([null, null]);  // 2025-01-01 is a Wednesday
    const cells = weeks.flat().filter((c) => c !== null);
    expect(cells).toHaveLength(31);
    expect(cells.find((c) => c?.iso === '2025-01-26')?.working).toBe(true);
    expect(cells.find((c) => c?.iso === '2025-01-28')?.working).toBe(false);
    expect(cells.find((c) => c?.iso === '2025-01-25')?.working).toBe(false);
  });
});
