import type { RouteRecordRaw } from 'vue-router';

// 人员管理 (issue 9; policy 三(七)(九), 四(四)): inside the shell, before the
// catch-all, gathered in the side menu's 人员管理 group; editing inside the
// pages needs staff.manage.
export const staffRoutes: RouteRecordRaw[] = [
  { path: 'staff', name: 'staff-roster', component: () => import('@/views/staff/roster/index.vue'),
    meta: { title: '人员名册', group: '人员管理', menu: true, icon: 'User', permission: 'staff.read' } },
  { path: 'staff/compliance', name: 'staff-compliance', component: () => import('@/views/staff/compliance/index.vue'),
    meta: { title: '人员合规看板', group: '人员管理', menu: true, icon: 'CircleCheck', permission: 'staff.read' } },
  { path: 'staff/capacity', name: 'staff-capacity', component: () => import('@/views/staff/capacity/index.vue'),
    meta: { title: '窗口容量测算', group: '人员管理', menu: true, icon: 'DataLine', permission: 'staff.read' } },
  { path: 'staff/training', name: 'staff-training', component: () => import('@/views/staff/training/index.vue'),
    meta: { title: '培训管理', group: '人员管理', menu: true, icon: 'Reading', permission: 'staff.read' } },
  { path: 'staff/internal-checks', name: 'staff-internal-checks',
    component: () => import('@/views/staff/internal/index.vue'),
    meta: { title: '内控检查', group: '人员管理', menu: true, icon: 'Finished', permission: 'staff.read' } },
];
