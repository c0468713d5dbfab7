// What 大厅实况 shows from the hall's figures: the cards, the crowding
// banner, the bar chart's option, and which queue events matter.
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { Figures, GroupFigures } from '@/api/hall';
import { formatDuration } from '../shared/format';

export interface FigureCard {
  key: string;
  label: string;
  value: string;
  hint: string;
  bad: boolean;
}

export function figureCards(f: Figures): FigureCard[] {
  return [
    { key: 'waiting', label: '当前等候', value: `${f.waiting} 人`, hint: '已取号尚未叫到', bad: f.crowding },
    { key: 'avg-wait', label: '今日平均等候', value: formatDuration(f.avg_wait_ms), hint: '取号到叫号', bad: false },
    { key: 'avg-service', label: '今日平均办理时长', value: formatDuration(f.avg_service_ms), hint: '叫号到办结',
      bad: false },
    { key: 'served', label: '今日已办', value: `${f.served} 人`, hint: '已叫号并办结', bad: false },
    { key: 'windows', label: '开放窗口 / 在岗人员', value: `${f.windows_open}/${f.windows_total} · ${f.staff_on_duty} 人`,
      hint: `共 ${f.windows_total} 个窗口,${f.staff_on_duty} 名工作人员已签到`,
      bad: f.waiting > 0 && f.windows_open === 0 },
  ];
}

// The banner's words; "" when the hall is not crowded.
export function crowdingText(f: Pick<Figures, 'crowding' | 'crowd_wait_minutes'>): string {
  return f.crowding ? `大厅拥挤:有群众等候超过 ${f.crowd_wait_minutes} 分钟,请增开窗口或启动应急处置` : '';
}

export type WaitChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

// Waiting people per group, a bar each, the longest queue in red when the
// hall is crowded.
export function waitingChartOption(groups: readonly GroupFigures[], crowding: boolean): WaitChartOption {
  const most = groups.reduce((m, g) => Math.max(m, g.waiting), 0);
  return {
    grid: { left: 40, right: 16, top: 28, bottom: 40 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: groups.map((g) => `${g.prefix} ${g.name}`),
      axisLabel: { interval: 0, hideOverlap: true },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{
      type: 'bar',
      name: '等候人数',
      barMaxWidth: 48,
      label: { show: true, position: 'top' },
      data: groups.map((g) => ({
        value: g.waiting,
        itemStyle: { color: crowding && most > 0 && g.waiting === most ? '#f56c6c' : '#409eff' },
      })),
    }],
  };
}

// Whether a message on hall.<site>.queue changes the figures. Everything
// the server publishes there does (calls, tickets, skips, windows,
// crowding); a frame of another shape does not.
export function changesFigures(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const kind = (data as { kind?: unknown }).kind;
  return typeof kind === 'string' && kind.length > 0;
}

export function isCrowdingEvent(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'crowding';
}
