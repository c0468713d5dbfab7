// 办件查询's filters and the address (?status=&channel=&clock=&q=&mine=):
// the filters live in the address, so going back from a case finds the
// same list, and a link (the workbench's 网上申报待预审) can open one.
import type { LocationQuery, LocationQueryValue } from 'vue-router';
import { CASE_CHANNEL_LABELS, STATUS_LABELS, type CaseChannel, type CaseStatus } from '@/api/cases';

export type ClockFilter = '' | 'warning' | 'overdue';

export interface Filter {
  status: CaseStatus | '';
  channel: CaseChannel | '';
  clock: ClockFilter;
  q: string;
  mine: boolean;
}

export const EMPTY_FILTER: Readonly<Filter> = { status: '', channel: '', clock: '', q: '', mine: false };

const first = (v: LocationQueryValue | LocationQueryValue[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const has = (labels: object, key: string) => Object.prototype.hasOwnProperty.call(labels, key);

// Unknown values in the address (an old link, a typo) read as "全部".
export function filterFromQuery(query: LocationQuery): Filter {
  const status = first(query.status);
  const channel = first(query.channel);
  const clock = first(query.clock);
  return {
    status: has(STATUS_LABELS, status) ? (status as CaseStatus) : '',
    channel: has(CASE_CHANNEL_LABELS, channel) ? (channel as CaseChannel) : '',
    clock: clock === 'warning' || clock === 'overdue' ? clock : '',
    q: first(query.q),
    mine: first(query.mine) === 'true',
  };
}

// Only what is set, so an empty filter is a bare /cases.
export function queryOfFilter(f: Filter): Record<string, string> {
  const query: Record<string, string> = {};
  if (f.status) query.status = f.status;
  if (f.channel) query.channel = f.channel;
  if (f.clock) query.clock = f.clock;
  if (f.q.trim()) query.q = f.q.trim();
  if (f.mine) query.mine = 'true';
  return query;
}
