import type { RouteRecordRaw } from 'vue-router';

// 统计分析 and 台账 (issue 10, items 4-5; annex 一(四)): the supervisors'
// dashboard with drill-down, the monthly ledger with its XLSX export, and
// 责任追究 (policy 三(八)).
export const statsShellRoutes: RouteRecordRaw[] = [
  { path: 'stats', name: 'stats', component: () => import('@/views/stats/dashboard/index.vue'),
    meta: { title: '统计分析', group: '监督评价', menu: true, icon: 'DataLine', permission: 'stats.read' } },
  { path: 'stats/ledger', name: 'stats-ledger', component: () => import('@/views/stats/ledger/index.vue'),
    meta: { title: '业务台账', group: '监督评价', menu: true, icon: 'Document', permission: 'stats.read' } },
  { path: 'stats/accountability', name: 'stats-accountability',
    component: () => import('@/views/stats/accountability/index.vue'),
    meta: { title: '责任追究', group: '监督评价', menu: true, icon: 'Warning', permission: 'stats.read' } },
];
