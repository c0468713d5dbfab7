import { describe, expect, it } from 'vitest';
import type { DisclosureItem, DisclosureResults } from '@/api/disclosure';
import { filterItems, groupByCategory, lawIndex, resultRows, siteIdOf } from './disclosure';

const item = (code: string, name: string, category: string): DisclosureItem => ({
  code, name, category: category as DisclosureItem['category'], legal_basis: [], process: [],
  time_limit: { kind: 'immediate', legal_days: 0, promised_days: 0 }, windows: '',
});

const results = (over: Partial<DisclosureResults> = {}): DisclosureResults => ({
  accepted: 0, completed: 0, approved: 0, delivered: 0, on_time_rate: null, served: 0,
  avg_wait_minutes: null, ratings: 0, good_rate: null, ...over,
});

describe('四公开 page rules', () => {
  it('reads the site id from the address', () => {
    expect(siteIdOf('12')).toBe(12);
    expect(siteIdOf(['3'])).toBe(3);
    expect(siteIdOf('0')).toBeNull();
    expect(siteIdOf('abc')).toBeNull();
    expect(siteIdOf(undefined)).toBeNull();
  });

  it('groups items in the catalog order, unknown categories under 其他, empty groups left out', () => {
    const groups = groupByCategory([
      item('C', '劳动争议调解', 'labor_relations'), item('A', '失业登记', 'employment'), item('X', '新事项', 'space'),
    ]);
    expect(groups.map((g) => g.label)).toEqual(['就业创业', '劳动关系', '其他']);
    expect(groups[2]?.items.map((i) => i.code)).toEqual(['X']);
  });

  it('filters by name or code, ignoring case and surrounding spaces', () => {
    const items = [item('BJ-JYCY-001', '失业登记', 'employment'), item('BJ-SHBX-002', '参保登记', 'social_insurance')];
    expect(filterItems(items, ' 失业 ').map((i) => i.code)).toEqual(['BJ-JYCY-001']);
    expect(filterItems(items, 'bj-shbx').map((i) => i.name)).toEqual(['参保登记']);
    expect(filterItems(items, '')).toHaveLength(2);
  });

  it('lists each law once with the items it bases, the most used first', () => {
    const a = { ...item('A', '失业登记', 'employment'), legal_basis: [
      { law: '《就业促进法》', article: '第四十三条' }, { law: '《就业促进法》', article: '第五十条' }] };
    const b = { ...item('B', '就业登记', 'employment'), legal_basis: [
      { law: '《社会保险法》', article: '' }, { law: '《就业促进法》', article: '第十条' }] };
    expect(lawIndex([a, b])).toEqual([
      { law: '《就业促进法》', items: ['失业登记', '就业登记'] }, { law: '《社会保险法》', items: ['就业登记'] }]);
  });

  it('shows rates as percentages and a dash where there is nothing to count', () => {
    const rows = resultRows(
      results({ accepted: 3, completed: 2, on_time_rate: 1, ratings: 4, good_rate: 0.75, avg_wait_minutes: 6.25 }),
      results(),
    );
    const row = (key: string) => rows.find((r) => r.key === key);
    expect(row('accepted')).toMatchObject({ month: '3', year: '0' });
    expect(row('on_time')).toMatchObject({ month: '100.0%', year: '—' });
    expect(row('good')).toMatchObject({ month: '75.0%', year: '—' });
    expect(row('wait')).toMatchObject({ month: '6.3', year: '—' });
  });
});
