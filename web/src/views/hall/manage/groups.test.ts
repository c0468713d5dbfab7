import { describe, expect, it } from 'vitest';
import { categoriesText, checkGroupCode, checkPrefix, freePrefix, groupNames } from './groups';

const groups = [
  { code: 'general', name: '综合业务', prefix: 'A' },
  { code: 'social', name: '社会保险', prefix: 'B' },
];

describe('freePrefix', () => {
  it('offers the first letter nobody uses', () => {
    expect(freePrefix([])).toBe('A');
    expect(freePrefix(groups)).toBe('C');
    expect(freePrefix([{ prefix: 'B' }])).toBe('A');
  });

  it('offers nothing once all 26 are taken', () => {
    const all = Array.from({ length: 26 }, (_, i) => ({ prefix: String.fromCharCode(65 + i) }));
    expect(freePrefix(all)).toBe('');
  });
});

describe('checkPrefix', () => {
  it('wants one capital letter that is free in the site', () => {
    expect(checkPrefix('C', groups)).toBe('');
    expect(checkPrefix('a', groups)).not.toBe('');
    expect(checkPrefix('AB', groups)).not.toBe('');
    expect(checkPrefix('B', groups)).toContain('social');
    expect(checkPrefix('B', groups, 'social')).toBe('');  // its own prefix
  });
});

describe('checkGroupCode', () => {
  it('wants a new lower-case code', () => {
    expect(checkGroupCode('labor_2', groups)).toBe('');
    expect(checkGroupCode('Labor', groups)).not.toBe('');
    expect(checkGroupCode('', groups)).not.toBe('');
    expect(checkGroupCode('social', groups)).toBe('该场所已有这个分组代码');
  });
});

describe('labels', () => {
  it('names categories and a window\'s groups', () => {
    expect(categoriesText(['social_insurance', 'labor_relations'])).toBe('社会保险、劳动关系');
    expect(categoriesText([])).toBe('不限类别');
    expect(groupNames(['social', 'gone', 'general'], groups)).toEqual(['综合业务', '社会保险', 'gone']);
  });
});
