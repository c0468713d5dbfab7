// 就业服务概况 (附件一(一), 附件二): cards, chart and the "choose a unit" answer.
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import type { Summary, UnitFigures } from '@/api/employment';
import { chartHeight, chartSummary, needsUnit, statCards, statusChartOption } from './figures';

function figures(code: string, name: string, n: number): UnitFigures {
  return { unit_code: code, unit_name: name, residents: 10 * n, employed: 4 * n, unemployed: 2 * n, flexible: 3 * n,
    hardship: n, rural: 0, visits_month: n, visits_due: 0, referrals_month: n, hired_month: 0, placements_active: 0 };
}
const summary: Summary = {
  total: { ...figures('110101001', '东华门街道', 3), visits_due: 2 },
  units: [figures('110101001001', '第一社区', 1), figures('110101001002', '第二社区', 2)],
  open_vacancies: 4, open_posts: 9,
};

describe('employment summary (Annex1_1, Annex2)', () => {
  it('makes the cards of the whole unit', () => {
    const cards = statCards(summary);
    expect(cards.map((c) => c.key)).toEqual(['residents', 'employed', 'unemployed', 'flexible', 'hardship', 'rural',
      'visits_month', 'visits_due', 'referrals', 'placements_active', 'vacancies']);
    expect(cards.find((c) => c.key === 'residents')?.value).toBe('30');
    expect(cards.find((c) => c.key === 'visits_due')?.tone).toBe('danger');
    expect(cards.find((c) => c.key === 'referrals')?.value).toBe('3 / 0');
    expect(cards.find((c) => c.key === 'vacancies')?.value).toBe('4 / 9');
  });

  it('stacks the four statuses per child unit, the first unit on top', () => {
    const o = statusChartOption(summary.units);
    expect(o.yAxis).toMatchObject({ data: ['第二社区', '第一社区'] });
    const series = o.series as { name: string; stack: string; data: number[] }[];
    expect(series.map((s) => s.name)).toEqual(['就业', '灵活就业', '失业登记', '就业困难']);
    expect(series.every((s) => s.stack === 'status')).toBe(true);
    expect(series[0]?.data).toEqual([8, 4]);
    expect(chartHeight(2)).toBe(220);
    expect(chartHeight(100)).toBe(900);
    expect(chartSummary(summary.units.slice(0, 1))).toBe('第一社区:就业 4 人,灵活就业 3 人,失业登记 2 人,就业困难 1 人');
  });

  it('asks for a unit when the server wants one', () => {
    expect(needsUnit(new ApiError(400, 'INVALID_ARGUMENT', '请选择单位', 'unit_code'))).toBe(true);
    expect(needsUnit(new ApiError(404, 'NOT_FOUND', '单位不存在', 'unit_code'))).toBe(false);
    expect(needsUnit(new Error('x'))).toBe(false);
  });
});
