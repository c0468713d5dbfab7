// How the stats pages show 人员与培训 (policy 三(七)(九)): the columns with
// their Chinese names (as in the workbook's sheet), which values break a
// rule (shown red), and the dashboard panel's lines.
import type { StaffingFigures } from '@/api/stats';

export interface StaffColumn {
  key: keyof StaffingFigures;
  label: string;
  format: (f: StaffingFigures) => string;
  alert?: (f: StaffingFigures) => boolean;  // a rule not met
}

// 三(七) 以每个窗口不低于1.2人; 到岗率98%.
export const MIN_STAFF_PER_WINDOW = 1.2;
export const MIN_ON_POST_RATE = 0.98;
// 三(九) 每人每年不少于5天.
export const TRAINING_DAYS_PER_YEAR = 5;

const count = (key: keyof StaffingFigures) => (f: StaffingFigures) => String(f[key]);
const positive = (key: keyof StaffingFigures) => (f: StaffingFigures) => (f[key] as number) > 0;

export const formatRatio = (v: number | null) => (v === null ? '—' : v.toFixed(2));
export const formatRate = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
export const formatDays = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

const col = (key: keyof StaffingFigures, label: string, format = count(key), alert?: StaffColumn['alert']): StaffColumn =>
  ({ key, label, format, alert });

export const STAFF_COLUMNS = {
  roster: col('roster', '在册人员'),
  formal: col('formal', '编制内'),
  windows: col('windows', '窗口数'),
  windowStaff: col('window_staff', '窗口经办人员'),
  perWindow: col('staff_per_window', '每窗口人数', (f) => formatRatio(f.staff_per_window), (f) => f.below_ratio),
  onPost: col('on_post_rate', '到岗率', (f) => formatRate(f.on_post_rate), (f) => f.on_post_below),
  highRisk: col('high_risk_non_formal', '高风险岗位非编制', count('high_risk_non_formal'), positive('high_risk_non_formal')),
  rotation: col('rotation_over', '超5年未轮岗', count('rotation_over'), positive('rotation_over')),
  incompatible: col('incompatible', '不相容岗位兼任', count('incompatible'), positive('incompatible')),
  sessions: col('sessions', '培训场次'),
  trained: col('people_trained', '参训人数'),
  days: col('training_days', '培训人天', (f) => formatDays(f.training_days)),
  fiveDays: col('trained_5_days', '年度培训满5天', (f) => `${f.trained_5_days}/${f.roster}`),
} as const;

const S = STAFF_COLUMNS;

// The ledger's 人员与培训 tab, in the workbook's order.
export const LEDGER_STAFF_COLUMNS: readonly StaffColumn[] = [
  S.roster, S.formal, S.windows, S.windowStaff, S.perWindow, S.onPost, S.highRisk, S.rotation, S.incompatible,
  S.sessions, S.trained, S.days, S.fiveDays,
];

// Appended to the dashboard's drill-down table.
export const DRILL_STAFF_COLUMNS: readonly StaffColumn[] = [S.perWindow, S.onPost, S.fiveDays];

// Posts that break 三(七) (high risk held by non-formal staff, over 5 years,
// incompatible posts held together).
export const postIssues = (f: StaffingFigures) => f.high_risk_non_formal + f.rotation_over + f.incompatible;

export type Tone = 'ok' | 'bad' | 'none';

export interface PanelLine {
  key: string;
  label: string;
  value: string;
  rule: string;  // the rule and its clause
  tone: Tone;
}

// The dashboard panel: one line per rule, judged on the unit's totals.
export function panelLines(f: StaffingFigures): PanelLine[] {
  const issues = postIssues(f);
  return [
    {
      key: 'per-window', label: '每窗口人数', value: formatRatio(f.staff_per_window),
      rule: `不低于${MIN_STAFF_PER_WINDOW}人 · 三(七)` + (f.sites_below_ratio > 0 ? ` · ${f.sites_below_ratio}个场所不足` : ''),
      tone: f.staff_per_window === null ? 'none' : f.below_ratio ? 'bad' : 'ok',
    },
    {
      key: 'on-post', label: '到岗率', value: formatRate(f.on_post_rate), rule: `不低于${MIN_ON_POST_RATE * 100}% · 三(七)`,
      tone: f.on_post_rate === null ? 'none' : f.on_post_below ? 'bad' : 'ok',
    },
    {
      key: 'training', label: '年度培训满5天', value: `${f.trained_5_days}/${f.roster} 人`,
      rule: `每人每年不少于${TRAINING_DAYS_PER_YEAR}天 · 三(九)`,
      tone: f.roster === 0 ? 'none' : f.trained_5_days >= f.roster ? 'ok' : 'bad',
    },
    {
      key: 'posts', label: '岗位风险', value: `${issues} 处`,
      rule: `高风险岗位非编制 ${f.high_risk_non_formal} · 超5年未轮岗 ${f.rotation_over} · 不相容兼任 ${f.incompatible} · 三(七)`,
      tone: issues > 0 ? 'bad' : f.roster === 0 ? 'none' : 'ok',
    },
  ];
}

// The 合计 row of a table whose first `labels` columns are labels.
export function staffSummaryRow(columns: readonly StaffColumn[], totals: StaffingFigures, labels = 1): string[] {
  return [...Array.from({ length: labels }, (_, i) => (i === 0 ? '合计' : '')), ...columns.map((c) => c.format(totals))];
}
