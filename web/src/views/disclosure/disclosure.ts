// What the 四公开 page shows, worked out without a browser: items by category
// and by search word, the laws they rest on, the results table, and the site id from the address.
import { CATEGORY_LABELS, type Category } from '@/api/catalog';
import type { DisclosureItem, DisclosureResults } from '@/api/disclosure';
import { percentText } from '@/views/evaluation/shared/rating';

export interface CategoryGroup {
  category: Category;
  label: string;
  items: DisclosureItem[];
}

// '12' -> 12; anything but a positive id -> null.
export function siteIdOf(param: unknown): number | null {
  const raw = Array.isArray(param) ? param[0] : param;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) return null;
  const id = Number(raw);
  return id > 0 ? id : null;
}

// Items whose name or code holds the word (ignoring case and spaces around it).
export function filterItems(items: readonly DisclosureItem[], word: string): DisclosureItem[] {
  const w = word.trim().toLowerCase();
  if (!w) return [...items];
  return items.filter((i) => i.name.toLowerCase().includes(w) || i.code.toLowerCase().includes(w));
}

// The catalog's category order; an unknown category counts as 其他. Empty groups are left out.
export function groupByCategory(items: readonly DisclosureItem[]): CategoryGroup[] {
  const order = Object.keys(CATEGORY_LABELS) as Category[];
  const known = (c: string): Category => (order.includes(c as Category) ? (c as Category) : 'other');
  return order
    .map((category) => ({ category, label: CATEGORY_LABELS[category], items: items.filter((i) => known(i.category) === category) }))
    .filter((g) => g.items.length > 0);
}

export interface LawEntry {
  law: string;
  items: string[];  // the names of the items it bases
}

// 办事依据 at a glance: each law once, those basing the most items first.
export function lawIndex(items: readonly DisclosureItem[]): LawEntry[] {
  const byLaw = new Map<string, string[]>();
  for (const i of items) {
    for (const law of new Set(i.legal_basis.map((b) => b.law.trim()).filter((l) => l !== ''))) {
      byLaw.set(law, [...(byLaw.get(law) ?? []), i.name]);
    }
  }
  return [...byLaw].map(([law, names]) => ({ law, items: names })).sort((a, b) => b.items.length - a.items.length);
}

export interface ResultRow {
  key: string;
  label: string;
  month: string;
  year: string;
}

const minutes = (v: number | null) => (v === null ? '—' : v.toFixed(1));

// 办事结果公开: one row per figure, this month beside this year; '—' where there is nothing to show.
const ROWS: { key: string; label: string; text: (r: DisclosureResults) => string }[] = [
  { key: 'accepted', label: '受理(件)', text: (r) => String(r.accepted) },
  { key: 'completed', label: '办结(件)', text: (r) => String(r.completed) },
  { key: 'on_time', label: '按时办结率', text: (r) => percentText(r.on_time_rate ?? NaN, r.completed) },
  { key: 'served', label: '服务人次', text: (r) => String(r.served) },
  { key: 'wait', label: '平均等候(分钟)', text: (r) => minutes(r.avg_wait_minutes) },
  { key: 'ratings', label: '评价数', text: (r) => String(r.ratings) },
  { key: 'good', label: '好评率', text: (r) => percentText(r.good_rate ?? NaN, r.ratings) },
];

export function resultRows(month: DisclosureResults, year: DisclosureResults): ResultRow[] {
  return ROWS.map(({ key, label, text }) => ({ key, label, month: text(month), year: text(year) }));
}
