import { describe, expect, it } from 'vitest';
import type { Slot, SlotDay } from '@/api/kiosk';
import { openCount, pickDay, slotState } from './slots';

const slot = (start: number, left: number): Slot => ({ start, end: start + 30, capacity: 4, booked: 4 - left, left });
const NOW = 1_000;

describe('slotState', () => {
  it('opens slots that are ahead and not full', () => {
    expect(slotState(slot(2_000, 1), NOW)).toBe('open');
    expect(slotState(slot(2_000, 0), NOW)).toBe('full');
    expect(slotState(slot(1_000, 3), NOW)).toBe('past');
    expect(slotState(slot(2_000, 3), NOW, 2_000)).toBe('current');
  });
});

describe('pickDay', () => {
  const days: SlotDay[] = [
    { day: '2026-11-27', slots: [slot(500, 2), slot(2_000, 0)] },
    { day: '2026-11-30', slots: [] },
    { day: '2026-12-01', slots: [slot(9_000, 0), slot(9_500, 2)] },
  ];

  it('shows the first day with something open, or the day asked for', () => {
    expect(openCount(days[0] as SlotDay, NOW)).toBe(0);
    expect(pickDay(days, NOW)).toBe('2026-12-01');
    expect(pickDay(days, NOW, '2026-11-30')).toBe('2026-11-30');
    expect(pickDay(days, NOW, '2026-12-24')).toBe('2026-12-01');
  });

  it('falls back to the first day, or none', () => {
    expect(pickDay(days.slice(0, 2), NOW)).toBe('2026-11-27');
    expect(pickDay([], NOW)).toBe('');
  });
});
