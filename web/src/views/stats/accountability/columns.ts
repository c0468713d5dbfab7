// The columns of both 责任追究 tables, with what each one counts (policy 三(八)).
import type { AccountabilityCounts } from '@/api/stats';

export interface CountColumn {
  key: keyof AccountabilityCounts;
  label: string;
  hint: string;
}

export const COUNT_COLUMNS: readonly CountColumn[] = [
  { key: 'overdue_cases', label: '超期件数', hint: '承诺办结日已过仍未办结的办件,记在当时承办该环节的人员和单位' },
  { key: 'findings', label: '内控发现问题', hint: '内部控制检查发现的问题,括号内为尚未整改的' },
  { key: 'upheld_complaints', label: '投诉属实', hint: '经核查属实的投诉,记在被投诉人' },
  { key: 'bad_ratings', label: '差评', hint: '“不满意”及以下的评价,记在提供服务的人员' },
  { key: 'escalated_rectifications', label: '整改超期升级', hint: '差评整改逾期未办结而逐级升级的' },
  { key: 'total', label: '合计', hint: '' },
];

// 内控发现问题 shows the open ones beside the total: "3(未整改 1)".
export function countText(c: AccountabilityCounts, key: CountColumn['key']): string {
  if (key === 'findings' && c.open_findings > 0) return `${c.findings}(未整改 ${c.open_findings})`;
  return String(c[key]);
}
