// 统计分析 and 台账 (docs/api/stats.md; annex 一(四)): figures per unit,
// day and month, read from the counters the server keeps.
import { buildQuery, request } from './client';
import type { UnitLevel } from './org';

// Counters: sums of events (the *_s ones are sums of seconds).
export type CounterKey =
  | 'tickets.taken' | 'tickets.served' | 'tickets.wait_s' | 'tickets.service_s'
  | 'cases.accepted' | 'cases.rejected' | 'cases.completed' | 'cases.approved' | 'cases.refused'
  | 'cases.on_time' | 'cases.delivered' | 'cases.overdue'
  | 'ratings.total' | 'ratings.good' | 'ratings.bad'
  | 'complaints.received' | 'complaints.upheld';

// Derived from the counters; null when there is nothing to divide by.
export type DerivedKey = 'avg_wait_minutes' | 'avg_service_minutes' | 'on_time_rate' | 'good_rate' | 'upheld_rate';

export type MetricKey = CounterKey | DerivedKey;
export type Figures = Record<CounterKey, number> & Record<DerivedKey, number | null>;

// The unit a row is about; code "" is 本级, what the unit recorded itself.
export interface StatsUnit {
  code: string;
  name: string;
  level: UnitLevel;
}

export interface UnitFigures {
  unit: StatsUnit;
  figures: Figures;
}

// period: YYYY-MM-DD (daily) or YYYY-MM (monthly).
export interface PeriodFigures {
  period: string;
  figures: Figures;
}

export interface ItemFigures {
  item_code: string;
  item_name: string;
  figures: Figures;
}

export type Granularity = 'day' | 'month';

// 人员与培训 (policy 三(七)(九)): a snapshot of the staff tables judged by the
// staff rules, and the training held in the period.
export interface StaffingFigures {
  roster: number;                    // people with a staff profile
  formal: number;                    // of them 编制内
  sites: number;
  windows: number;
  window_staff: number;              // holding 综合受理 on the snapshot day
  staff_per_window: number | null;   // 三(七) 以每个窗口不低于1.2人
  below_ratio: boolean;              // some site is below 1.2
  sites_below_ratio: number;
  on_post_days: number;
  due_days: number;
  on_post_rate: number | null;       // 三(七) 到岗率98%; null without records
  on_post_below: boolean;
  high_risk_non_formal: number;      // high-risk posts held by non-formal staff
  rotation_over: number;             // high-risk posts held over 5 years
  rotation_due: number;              // ... from 4 years 6 months
  incompatible: number;              // incompatible posts held together
  sessions: number;                  // training sessions held in the period
  people_trained: number;
  training_days: number;
  trained_5_days: number;            // 三(九) year-to-date annual training >= 5 days
}

export interface UnitStaffing {
  unit: StatsUnit;
  figures: StaffingFigures;
}

export interface Staffing {
  as_of: string;             // the snapshot day
  from: string;              // the training figures' period
  to: string;
  attendance_month: string;  // YYYY-MM
  units: UnitStaffing[];     // the same rows as the figures' units
  totals: StaffingFigures;
}

export interface Overview {
  unit: StatsUnit;
  path: StatsUnit[];  // from the top of the caller's scope down to unit
  from: string;
  to: string;
  granularity: Granularity;
  totals: Figures;
  children: UnitFigures[];
  series: PeriodFigures[];  // only periods with figures
  staffing: Staffing;       // at the end of the period
}

export interface Ledger {
  unit: StatsUnit;
  month: string;
  units: UnitFigures[];
  days: PeriodFigures[];  // every day of the month
  items: ItemFigures[];
  totals: Figures;
  staffing: Staffing;
}

// Empty parameters are left to the server: the top of the scope, this month to today.
export interface OverviewQuery {
  unit?: string;
  from?: string;
  to?: string;
}

export const getOverview = (q: OverviewQuery = {}) =>
  request<Overview>(`/api/stats/overview${buildQuery({ unit: q.unit, from: q.from, to: q.to })}`);

export const getLedger = (unit: string, month: string) =>
  request<Ledger>(`/api/stats/ledger${buildQuery({ unit, month })}`);

// A plain link, as the audit export: the browser downloads the workbook with
// the session cookie and names it from Content-Disposition.
export const ledgerXlsxUrl = (unit: string, month: string) => `/api/stats/ledger.xlsx${buildQuery({ unit, month })}`;

// 工作月报: the month as one PDF, downloaded the same way.
export const reportPdfUrl = (unit: string, month: string) => `/api/stats/report.pdf${buildQuery({ unit, month })}`;

// 责任追究 (policy 三(八)): what is held against a unit or a person in the period.
export interface AccountabilityCounts {
  overdue_cases: number;             // held the step when the promised day passed
  findings: number;                  // internal-control findings
  open_findings: number;             // of which not yet rectified
  upheld_complaints: number;         // 属实, against the person complained about
  bad_ratings: number;               // 不满意 and worse, against who served
  escalated_rectifications: number;  // rectifications escalated for being late
  total: number;
}

export interface UnitAccountability {
  unit_code: string;
  unit_name: string;
  counts: AccountabilityCounts;
}

export interface PersonAccountability {
  account_id: number;
  login: string;
  name: string;  // masked
  unit_name: string;
  counts: AccountabilityCounts;
}

// Both lists most first.
export interface Accountability {
  unit: StatsUnit;
  from: string;
  to: string;
  units: UnitAccountability[];
  people: PersonAccountability[];
}

export const getAccountability = (q: OverviewQuery = {}) =>
  request<Accountability>(`/api/stats/accountability${buildQuery({ unit: q.unit, from: q.from, to: q.to })}`);
