// The guide list's search lives in the address (/guides?q=失业&category=employment),
// so a search can be shared, reloaded and returned to with the back button.
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { CATEGORY_LABELS, LIFE_EVENT_LABELS, type Category, type LifeEvent } from '@/api/catalog';

export interface GuideFilter {
  q: string;
  category: Category | '';
  event: LifeEvent | '';
}

export const CATEGORY_TABS: { value: Category | ''; label: string }[] = [
  { value: '', label: '全部' },
  ...(Object.keys(CATEGORY_LABELS) as Category[]).map((value) => ({ value, label: CATEGORY_LABELS[value] })),
];

// 人生事件 chips, the commonest first; a chip filters by the items' life events.
export const LIFE_EVENT_CHIPS: { event: LifeEvent; word: string }[] = (
  ['graduation', 'unemployment', 'startup', 'insurance', 'retirement', 'injury', 'dispute', 'job_seeking',
    'hardship', 'migration', 'disability'] as LifeEvent[]
).map((event) => ({ event, word: LIFE_EVENT_LABELS[event] }));

const MAX_Q = 100;  // the server refuses longer queries

function first(v: LocationQuery[string] | undefined): string {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
}

export function filterFromQuery(query: LocationQuery): GuideFilter {
  const q = first(query.q).trim().slice(0, MAX_Q);
  const c = first(query.category);
  const category = Object.prototype.hasOwnProperty.call(CATEGORY_LABELS, c) ? (c as Category) : '';
  const e = first(query.event);
  const event = Object.prototype.hasOwnProperty.call(LIFE_EVENT_LABELS, e) ? (e as LifeEvent) : '';
  return { q, category, event };
}

export function queryFromFilter(filter: GuideFilter): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  const q = filter.q.trim().slice(0, MAX_Q);
  if (q) query.q = q;
  if (filter.category) query.category = filter.category;
  if (filter.event) query.event = filter.event;
  return query;
}
