import { describe, expect, it } from 'vitest';
import type { Consultation } from '@/api/cases';
import {
  answerPreview, answerQuery, appendQuote, callerPhoneProblem, normalizePhone, quoteAnswer, todaysCalls,
} from './hotline';

describe('normalizePhone', () => {
  it('drops spaces, makes full-width digits ASCII and removes +86 before a mobile', () => {
    expect(normalizePhone(' 139 1234 5678 ')).toBe('13912345678');
    expect(normalizePhone('１３９１２３４５６７８')).toBe('13912345678');
    expect(normalizePhone('+8613912345678')).toBe('13912345678');
    expect(normalizePhone('0086-13912345678')).toBe('13912345678');
    expect(normalizePhone('010－65123456')).toBe('010-65123456');
  });
});

describe('callerPhoneProblem', () => {
  it('takes no number, a mobile and a landline with its area code', () => {
    expect(callerPhoneProblem('')).toBe('');
    expect(callerPhoneProblem('   ')).toBe('');
    expect(callerPhoneProblem('13912345678')).toBe('');
    expect(callerPhoneProblem('139 1234 5678')).toBe('');
    expect(callerPhoneProblem('010-65123456')).toBe('');
    expect(callerPhoneProblem('01065123456')).toBe('');
    expect(callerPhoneProblem('0755-1234567')).toBe('');
  });

  it('refuses what the server refuses, in Chinese', () => {
    expect(callerPhoneProblem('12912345678')).toMatch(/13 至 19/);
    expect(callerPhoneProblem('1391234567')).toMatch(/11 位/);
    expect(callerPhoneProblem('65123456')).toMatch(/区号/);          // no area code
    expect(callerPhoneProblem('01-065123456')).toMatch(/区号/);      // dash in the wrong place
    expect(callerPhoneProblem('010-6512-3456')).toMatch(/区号/);     // two dashes
    expect(callerPhoneProblem('010-65123456-801')).toMatch(/区号/);  // no extensions
    expect(callerPhoneProblem('abc')).not.toBe('');
  });
});

describe('answerQuery', () => {
  it('collapses blanks and keeps at most 100 characters, never half a character', () => {
    expect(answerQuery('  失业了\n怎么领   失业金 ')).toBe('失业了 怎么领 失业金');
    expect(answerQuery('   ')).toBe('');
    expect(Array.from(answerQuery('问'.repeat(150)))).toHaveLength(100);
    const rare = answerQuery('𠮷'.repeat(120));
    expect(Array.from(rare)).toHaveLength(100);
    expect(rare.endsWith('𠮷')).toBe(true);
  });
});

describe('quoteAnswer', () => {
  it('groups the lines by label, in their order, and ends each with a full stop', () => {
    const text = quoteAnswer({
      name: '失业保险金申领',
      lines: [
        { field: 'conditions', label: '受理条件', text: '失业前用人单位和本人已按规定缴纳失业保险费满1年。' },
        { field: 'process', label: '办理流程', text: '初审:街道(乡镇)社保所核对缴费年限。' },
        { field: 'conditions', label: '受理条件', text: '已办理失业登记,并有求职要求。' },
        { field: 'materials', label: '申请材料', text: '失业保险金申领登记表(原件1份)' },
      ],
    });
    expect(text).toBe([
      '【失业保险金申领】',
      '受理条件:失业前用人单位和本人已按规定缴纳失业保险费满1年;已办理失业登记,并有求职要求。',
      '办理流程:初审:街道(乡镇)社保所核对缴费年限。',
      '申请材料:失业保险金申领登记表(原件1份)。',
    ].join('\n'));
  });

  it('keeps a cut line open, drops repeats and empty texts', () => {
    expect(quoteAnswer({
      name: '就业困难人员认定',
      lines: [
        { field: 'conditions', label: '受理条件', text: '属于就业困难人员范围(如零就业家庭成员…' },
        { field: 'conditions', label: '受理条件', text: '属于就业困难人员范围(如零就业家庭成员…' },
        { field: 'fee', label: '收费标准', text: '  ' },
      ],
    })).toBe('【就业困难人员认定】\n受理条件:属于就业困难人员范围(如零就业家庭成员…');
    expect(quoteAnswer({ name: '失业登记', lines: [] })).toBe('【失业登记】');
  });
});

describe('appendQuote', () => {
  it('starts an empty answer with the quote, otherwise adds it on a new line once', () => {
    expect(appendQuote('', '【A】')).toBe('【A】');
    expect(appendQuote('  \n', '【A】')).toBe('【A】');
    expect(appendQuote('您好,请带身份证。\n', '【A】')).toBe('您好,请带身份证。\n【A】');
    expect(appendQuote('您好\n【A】', '【A】')).toBe('您好\n【A】');
    expect(appendQuote('您好', '')).toBe('您好');
  });
});

describe('todaysCalls', () => {
  const call = (id: number, channel: Consultation['channel'], createdAt: string) =>
    ({ id, channel, created_at: Date.parse(createdAt) }) as Consultation;

  it('keeps the telephone calls of the Beijing day, in order', () => {
    const now = new Date('2026-11-26T15:30:00Z');  // 23:30 in Beijing
    const items = [
      call(5, 'phone', '2026-11-26T15:10:00Z'),   // 23:10 today
      call(4, 'hall', '2026-11-26T08:00:00Z'),
      call(3, 'phone', '2026-11-25T16:05:00Z'),   // 00:05 today
      call(2, 'phone', '2026-11-25T15:55:00Z'),   // 23:55 yesterday
      call(1, 'web', '2026-11-26T02:00:00Z'),
    ];
    expect(todaysCalls(items, now).map((c) => c.id)).toEqual([5, 3]);
    expect(todaysCalls([], now)).toEqual([]);
  });
});

describe('answerPreview', () => {
  it('shows the first line, cut, with an ellipsis when there is more', () => {
    expect(answerPreview('请带身份证。')).toBe('请带身份证。');
    expect(answerPreview('请带身份证。\n【失业登记】')).toBe('请带身份证。…');
    expect(answerPreview('问'.repeat(50), 10)).toBe(`${'问'.repeat(10)}…`);
    expect(answerPreview('')).toBe('');
  });
});
