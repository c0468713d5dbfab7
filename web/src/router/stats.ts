import type { RouteRecordRaw } from 'vue-router';

// 统计分析 and 台账 (issue 10, items 4-5; annex 一(四)): the supervisors'
// dashboard with drill-down and the monthly ledger with its XLSX export.
export const statsShellRoutes: RouteRecordRaw[] = [];
