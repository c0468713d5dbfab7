// Rows of StatsTable from the API's lists.
import type { ItemFigures, PeriodFigures, UnitFigures } from '@/api/stats';
import type { StatsRow } from './StatsTable.vue';

export const unitRows = (list: readonly UnitFigures[]): StatsRow[] =>
  list.map((c) => ({ key: c.unit.code || 'self', code: c.unit.code, label: c.unit.name, figures: c.figures }));

export const periodRows = (list: readonly PeriodFigures[]): StatsRow[] =>
  list.map((d) => ({ key: d.period, code: '', label: d.period, figures: d.figures }));

export const itemRows = (list: readonly ItemFigures[]): StatsRow[] =>
  list.map((i) => ({ key: i.item_code, code: i.item_code, label: i.item_name, figures: i.figures }));
