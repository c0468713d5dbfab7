import { describe, expect, it } from 'vitest';
import {
  categoryText, countByRule, daysOfMonth, formatRate, formatRatio, onPostTooLow, periodText, ratioTooLow, splitRefusal,
  warningLevel, weekdayOf,
} from './rules';

describe('splitRefusal', () => {
  it('keeps a reason that holds a "；" together with its clause', () => {
    const msg = '待遇发放是高风险岗位，必须由编制内人员担任；该人员为协管员（三(七)）；新上岗人员须先参加岗前培训并考核合格（三(九)）';
    expect(splitRefusal(msg)).toEqual([
      { text: '待遇发放是高风险岗位，必须由编制内人员担任；该人员为协管员', clause: '三(七)' },
      { text: '新上岗人员须先参加岗前培训并考核合格', clause: '三(九)' },
    ]);
  });

  it('takes reasons without a clause as they are', () => {
    expect(splitRefusal('任职结束日期早于开始日期')).toEqual([{ text: '任职结束日期早于开始日期', clause: '' }]);
    expect(splitRefusal('该人员在此期间已担任初审（全部类别）；内控与初审为不相容岗位，该人员在此期间已担任初审（全部类别）（四(四)）'))
      .toEqual([
        { text: '该人员在此期间已担任初审（全部类别）', clause: '' },
        { text: '内控与初审为不相容岗位，该人员在此期间已担任初审（全部类别）', clause: '四(四)' },
      ]);
  });

  it('accepts half-width brackets and stray separators', () => {
    expect(splitRefusal('；A(三(七))；；')).toEqual([{ text: 'A', clause: '三(七)' }]);
    expect(splitRefusal('')).toEqual([]);
  });
});

describe('thresholds of 三(七)', () => {
  it('colours a ratio below 1.2 staff per window', () => {
    expect(ratioTooLow(1.2, 5)).toBe(false);
    expect(ratioTooLow(1.19, 5)).toBe(true);
    expect(ratioTooLow(0, 0)).toBe(false);  // no windows, nothing to staff
    expect(formatRatio(1.2, 5)).toBe('1.20');
    expect(formatRatio(0, 0)).toBe('—');
  });

  it('colours an on-post rate below 98%', () => {
    expect(onPostTooLow(0.98)).toBe(false);
    expect(onPostTooLow(0.979)).toBe(true);
    expect(onPostTooLow(null)).toBe(false);
    expect(formatRate(0.975)).toBe('97.5%');
    expect(formatRate(null)).toBe('无记录');
  });

  it('shows the rotation warning amber and the rest red', () => {
    expect(warningLevel({ rule: 'rotation_due', clause: '三(七)', message: '' })).toBe('amber');
    expect(warningLevel({ rule: 'rotation_over', clause: '三(七)', message: '' })).toBe('red');
    expect(warningLevel({ rule: 'training_days', clause: '三(九)', message: '' })).toBe('red');
  });
});

describe('labels and counts', () => {
  it('counts violations per rule, most first', () => {
    const v = (rule: string) => ({ rule, clause: '三(七)', message: '' });
    expect(countByRule([[v('training_days'), v('window_staffing')], [v('training_days')], []])).toEqual([
      { rule: 'training_days', label: '培训不足5天', count: 2 },
      { rule: 'window_staffing', label: '窗口人员不足', count: 1 },
    ]);
    expect(countByRule([[v('new_rule')]])[0]?.label).toBe('new_rule');
  });

  it('names categories, periods and days', () => {
    expect(categoryText('')).toBe('全部类别');
    expect(categoryText('social_insurance')).toBe('社会保险');
    expect(periodText({ from: '2026-01-01', to: null })).toBe('2026-01-01 至 今');
    expect(daysOfMonth('2026-02')).toHaveLength(28);
    expect(daysOfMonth('2024-02').at(-1)).toBe('2024-02-29');
    expect(weekdayOf('2026-11-27')).toBe(5);
  });
});
