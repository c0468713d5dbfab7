// Service groups (业务分组): the rules the server checks on a new group, and
// the prefix a new group is offered.
import { CATEGORY_LABELS, labelsOf, optionsOf } from '@/api/catalog';
import type { Group } from '@/api/hall';

export const GROUP_CODE_PATTERN = /^[a-z0-9_]{1,32}$/;
export const PREFIX_PATTERN = /^[A-Z]$/;
export const GROUP_NAME_MAX = 30;

export const CATEGORY_OPTIONS = optionsOf(CATEGORY_LABELS);

// The first letter A-Z no group of the site uses yet; "" when all are taken.
export function freePrefix(groups: readonly Pick<Group, 'prefix'>[]): string {
  const used = new Set(groups.map((g) => g.prefix));
  for (let c = 65; c <= 90; c++) {
    const letter = String.fromCharCode(c);
    if (!used.has(letter)) return letter;
  }
  return '';
}

// "" when the prefix is one capital letter not used by another group.
export function checkPrefix(prefix: string, groups: readonly Pick<Group, 'prefix' | 'code'>[], code = ''): string {
  if (!PREFIX_PATTERN.test(prefix)) return '号段前缀应为一个大写字母(A 至 Z)';
  const other = groups.find((g) => g.prefix === prefix && g.code !== code);
  return other ? `前缀 ${prefix} 已被业务分组“${other.code}”使用` : '';
}

export function checkGroupCode(code: string, groups: readonly Pick<Group, 'code'>[]): string {
  if (!GROUP_CODE_PATTERN.test(code)) return '分组代码应为小写字母、数字或下划线(不超过 32 个字符)';
  return groups.some((g) => g.code === code) ? '该场所已有这个分组代码' : '';
}

// "社会保险、劳动关系", or "不限类别" for a group without categories.
export function categoriesText(categories: readonly string[]): string {
  return categories.length === 0 ? '不限类别' : labelsOf(CATEGORY_LABELS, categories);
}

// The names of a window's groups, in the site's order; unknown codes as they are.
export function groupNames(codes: readonly string[], groups: readonly Pick<Group, 'code' | 'name'>[]): string[] {
  const known = groups.filter((g) => codes.includes(g.code)).map((g) => g.name);
  const unknown = codes.filter((c) => !groups.some((g) => g.code === c));
  return [...known, ...unknown];
}
