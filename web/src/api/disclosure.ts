// 四公开 (docs/api/stats.md "四公开"; policy 三(八) 办事程序、依据、时限、结果公开,
// 三(三) 信息公开): one public document per hall or point, no sign-in.
import { request } from './client';
import type { Category, LegalBasis, TimeLimit } from './catalog';
import type { SiteKind } from './org';
import type { ScreenClerk, WindowScreenState } from './screen';

export interface DisclosureSite {
  id: number;
  name: string;
  kind: SiteKind;
  address: string;
  hours: string;
  phone: string;
  unit_code: string;
  unit_name: string;
}

export interface DisclosureItem {
  code: string;
  name: string;
  category: Category;
  legal_basis: Pick<LegalBasis, 'law' | 'article'>[];  // 办事依据
  process: string[];                                   // 办事程序: the step names in order
  time_limit: TimeLimit;                               // 办事时限
  windows: string;                                     // where it is handled, as the site words it
}

// 办事结果 of the site's unit, from the counters; rates are 0..1, null when
// there is nothing to divide by.
export interface DisclosureResults {
  accepted: number;
  completed: number;
  approved: number;
  delivered: number;
  on_time_rate: number | null;
  served: number;
  avg_wait_minutes: number | null;
  ratings: number;
  good_rate: number | null;
}

// 三亮明: the clerk's name in full, as on the window's screen.
export interface DutyWindow {
  window_id: number;
  number: number;
  name: string;
  state: WindowScreenState;
  clerk: ScreenClerk | null;
}

export interface Disclosure {
  site: DisclosureSite;
  items: DisclosureItem[];
  results: { month: DisclosureResults; month_from: string; year: DisclosureResults; year_from: string; to: string };
  on_duty: DutyWindow[];
}

// 404 (NOT_FOUND, field site) for an unknown site.
export const getDisclosure = (site: number) => request<Disclosure>(`/api/public/sites/${site}/disclosure`);
