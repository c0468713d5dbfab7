// The org units arrive as a flat list in path order; the tree widgets want
// nested nodes. A unit whose parent is not in the list (the top of the
// caller's scope) becomes a root.
import type { Unit, UnitLevel } from '@/api/org';

export interface UnitNode {
  value: string;  // the unit code; el-tree node-key and el-tree-select value
  label: string;
  unit: Unit;
  children: UnitNode[];
}

export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) nodes.set(unit.code, { value: unit.code, label: unit.name, unit, children: [] });
  const roots: UnitNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.code);
    if (!node) continue;
    const parent = unit.parent_code && unit.parent_code !== unit.code ? nodes.get(unit.parent_code) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

// Code length by level: 6 digits for a city or district, 9 for a street,
// 12 for a community (统计用区划代码, as the server checks).
export const CODE_LENGTH: Record<UnitLevel, number> = { 1: 6, 2: 6, 3: 9, 4: 12 };

// The part of a parent's code that its children's codes start with.
export function childCodePrefix(parent: Pick<Unit, 'code' | 'level'>): string {
  const keep: Record<UnitLevel, number> = { 1: 2, 2: 6, 3: 9, 4: 12 };
  return parent.code.slice(0, keep[parent.level]);
}

// An error message for a child code under `parent`, or "" when it looks right.
export function checkChildCode(parent: Pick<Unit, 'code' | 'level'>, code: string): string {
  if (parent.level >= 4) return '社区(村)下不能再设下级单位';
  const level = (parent.level + 1) as UnitLevel;
  const length = CODE_LENGTH[level];
  if (!/^\d+$/.test(code) || code.length !== length) return `代码应为 ${length} 位数字`;
  const prefix = childCodePrefix(parent);
  if (!code.startsWith(prefix)) return `代码应以上级单位代码 ${prefix} 开头`;
  if (code === parent.code) return '代码不能与上级单位相同';
  return '';
}
