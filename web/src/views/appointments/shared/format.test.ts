import { describe, expect, it } from 'vitest';
import { bookingWhen, codeText, dayLabel, hm, nextDay, slotText } from './format';

// 2026-11-27 01:00 UTC is 09:00 in Beijing.
const NINE = Date.UTC(2026, 10, 27, 1, 0);
const HALF_PAST = NINE + 30 * 60 * 1000;

describe('appointment times', () => {
  it('reads in Beijing time', () => {
    expect(hm(NINE)).toBe('09:00');
    expect(slotText(NINE, HALF_PAST)).toBe('09:00-09:30');
    expect(hm(Date.UTC(2026, 10, 26, 16, 0))).toBe('00:00');  // midnight in Beijing
  });

  it('names days with the weekday, and today and tomorrow', () => {
    expect(dayLabel('2026-11-27', '2026-11-20')).toBe('11月27日 周五');
    expect(dayLabel('2026-11-27', '2026-11-27')).toBe('今天 11月27日 周五');
    expect(dayLabel('2026-11-27', '2026-11-26')).toBe('明天 11月27日 周五');
    expect(dayLabel('2027-01-01', '2026-12-31')).toBe('明天 1月1日 周五');
    expect(dayLabel('someday', '2026-11-26')).toBe('someday');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('x')).toBe('');
  });

  it('writes the whole booking in one line', () => {
    expect(bookingWhen('2026-11-27', NINE, HALF_PAST)).toBe('2026年11月27日 周五 09:00-09:30');
  });

  it('splits a booking code in two', () => {
    expect(codeText('12345678')).toBe('1234 5678');
    expect(codeText('1234')).toBe('1234');
  });
});
