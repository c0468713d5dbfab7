import { describe, expect, it } from 'vitest';
import type { Unit, UnitLevel } from '@/api/org';
import { buildUnitTree, checkChildCode } from './unit-tree';

function unit(code: string, parent_code: string, level: UnitLevel, name: string): Unit {
  return { code, parent_code, level, level_label: '', name, path: '', version: 1 };
}

const city = unit('110000', '', 1, '北京市');
const dongcheng = unit('110101', '110000', 2, '东城区');
const xicheng = unit('110102', '110000', 2, '西城区');
const donghuamen = unit('110101001', '110101', 3, '东华门街道');
const community = unit('110101001001', '110101001', 4, '多福巷社区');

describe('buildUnitTree', () => {
  it('nests units under their parents, keeping the list order', () => {
    const tree = buildUnitTree([city, dongcheng, donghuamen, community, xicheng]);
    expect(tree.map((n) => n.value)).toEqual(['110000']);
    const root = tree[0]!;
    expect(root.label).toBe('北京市');
    expect(root.children.map((n) => n.value)).toEqual(['110101', '110102']);
    expect(root.children[0]!.children[0]!.children[0]!.unit).toBe(community);
    expect(root.children[1]!.children).toEqual([]);
  });

  it('makes the top of a partial scope the roots', () => {
    const tree = buildUnitTree([donghuamen, community, xicheng]);
    expect(tree.map((n) => n.value)).toEqual(['110101001', '110102']);
    expect(tree[0]!.children.map((n) => n.value)).toEqual(['110101001001']);
  });

  it('copes with an empty list and with a child listed before its parent', () => {
    expect(buildUnitTree([])).toEqual([]);
    const tree = buildUnitTree([dongcheng, city]);
    expect(tree.map((n) => n.value)).toEqual(['110000']);
    expect(tree[0]!.children.map((n) => n.value)).toEqual(['110101']);
  });
});

describe('checkChildCode', () => {
  it('follows the division code lengths and prefixes', () => {
    expect(checkChildCode(city, '110105')).toBe('');
    expect(checkChildCode(city, '120105')).toBe('代码应以上级单位代码 11 开头');
    expect(checkChildCode(city, '110000')).toBe('代码不能与上级单位相同');
    expect(checkChildCode(dongcheng, '110101002')).toBe('');
    expect(checkChildCode(dongcheng, '11010100')).toBe('代码应为 9 位数字');
    expect(checkChildCode(donghuamen, '110101001002')).toBe('');
    expect(checkChildCode(donghuamen, '110101002002')).toBe('代码应以上级单位代码 110101001 开头');
    expect(checkChildCode(community, '110101001001001')).toBe('社区(村)下不能再设下级单位');
  });
});
