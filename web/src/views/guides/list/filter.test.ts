import { describe, expect, it } from 'vitest';
import { CATEGORY_TABS, LIFE_EVENT_CHIPS, filterFromQuery, queryFromFilter } from './filter';

describe('guide list filter', () => {
  it('reads q and category from the address, ignoring what it does not know', () => {
    expect(filterFromQuery({ q: ' 失业 ', category: 'employment', event: 'unemployment' })).toEqual({ q: '失业', category: 'employment', event: 'unemployment' });
    expect(filterFromQuery({ q: ['社保卡', 'x'], category: 'space', event: 'party' })).toEqual({ q: '社保卡', category: '', event: '' });
    expect(filterFromQuery({ category: 'constructor' })).toEqual({ q: '', category: '', event: '' });
    expect(filterFromQuery({ q: null })).toEqual({ q: '', category: '', event: '' });
    expect(filterFromQuery({ q: 'x'.repeat(150) }).q).toHaveLength(100);
  });

  it('writes only what is set', () => {
    expect(queryFromFilter({ q: '', category: '', event: '' })).toEqual({});
    expect(queryFromFilter({ q: ' 退休 ', category: 'social_insurance', event: 'retirement' })).toEqual({ q: '退休', category: 'social_insurance', event: 'retirement' });
  });

  it('offers 全部 and the four categories, and the life events as words', () => {
    expect(CATEGORY_TABS.map((t) => t.label)).toEqual(['全部', '就业创业', '社会保险', '劳动关系', '其他']);
    expect(LIFE_EVENT_CHIPS.slice(0, 7).map((c) => c.word)).toEqual(['毕业就业', '失业', '创业', '参保', '退休', '工伤', '劳动纠纷']);
  });
});
