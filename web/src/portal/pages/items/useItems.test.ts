import { describe, expect, it } from 'vitest';
import { headingOf } from './useItems';

describe('item list heading', () => {
  it('says what is shown', () => {
    expect(headingOf({ q: '', category: '', event: '' })).toBe('全部办事事项');
    expect(headingOf({ q: '', category: '', event: 'graduation' })).toBe('毕业就业');
    expect(headingOf({ q: '', category: 'social_insurance', event: '' })).toBe('社会保险');
    expect(headingOf({ q: '社保卡', category: 'social_insurance', event: 'retirement' })).toBe('退休 · 社会保险 · “社保卡”的搜索结果');
  });
});
