import { describe, expect, it } from 'vitest';
import type { Figures } from '@/api/hall';
import { changesFigures, crowdingText, figureCards, isCrowdingEvent, waitingChartOption } from './figures';

const figures: Figures = {
  site_id: 1, day: '20261126', waiting: 7, avg_wait_ms: 12 * 60_000, avg_service_ms: null, served: 40,
  windows_open: 3, windows_total: 5, staff_on_duty: 3, crowding: false, crowd_wait_minutes: 30,
  groups: [
    { code: 'general', name: '综合业务', prefix: 'A', waiting: 2, longest_wait_ms: 60_000, served: 30,
      avg_wait_ms: 600_000, avg_service_ms: 300_000 },
    { code: 'social', name: '社会保险', prefix: 'B', waiting: 5, longest_wait_ms: 1_900_000, served: 10,
      avg_wait_ms: null, avg_service_ms: null },
  ],
};

describe('figureCards', () => {
  it('writes the day\'s figures in words', () => {
    const cards = Object.fromEntries(figureCards(figures).map((c) => [c.key, c]));
    expect(cards.waiting?.value).toBe('7 人');
    expect(cards['avg-wait']?.value).toBe('12 分钟');
    expect(cards['avg-service']?.value).toBe('—');
    expect(cards.served?.value).toBe('40 人');
    expect(cards.windows?.value).toBe('3/5 · 3 人');
    expect(cards.waiting?.bad).toBe(false);
  });

  it('marks the waiting card and a hall without open windows', () => {
    const cards = figureCards({ ...figures, crowding: true, windows_open: 0 });
    expect(cards.find((c) => c.key === 'waiting')?.bad).toBe(true);
    expect(cards.find((c) => c.key === 'windows')?.bad).toBe(true);
  });
});

describe('crowdingText', () => {
  it('speaks only when crowded', () => {
    expect(crowdingText(figures)).toBe('');
    expect(crowdingText({ crowding: true, crowd_wait_minutes: 45 })).toContain('等候超过 45 分钟');
  });
});

describe('waitingChartOption', () => {
  it('has a bar per group, the longest queue red when crowded', () => {
    const calm = waitingChartOption(figures.groups, false);
    const series = (calm.series as { data: { value: number; itemStyle: { color: string } }[] }[])[0]!;
    expect((calm.xAxis as { data: string[] }).data).toEqual(['A 综合业务', 'B 社会保险']);
    expect(series.data.map((d) => d.value)).toEqual([2, 5]);
    expect(series.data.every((d) => d.itemStyle.color === '#409eff')).toBe(true);
    const crowded = waitingChartOption(figures.groups, true);
    const colors = (crowded.series as { data: { itemStyle: { color: string } }[] }[])[0]!.data.map((d) => d.itemStyle.color);
    expect(colors).toEqual(['#409eff', '#f56c6c']);
  });
});

describe('queue events', () => {
  it('reloads on the server\'s kinds only', () => {
    expect(changesFigures({ kind: 'call', label: 'A001' })).toBe(true);
    expect(changesFigures({ kind: 'window' })).toBe(true);
    expect(changesFigures('x')).toBe(false);
    expect(changesFigures({})).toBe(false);
    expect(isCrowdingEvent({ kind: 'crowding', waiting: 12 })).toBe(true);
    expect(isCrowdingEvent({ kind: 'call' })).toBe(false);
  });
});
