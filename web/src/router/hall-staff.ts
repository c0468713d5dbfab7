import type { RouteRecordRaw } from 'vue-router';

// Staff pages of the hall (issue 7): inside the shell, before the catch-all.
export const hallStaffRoutes: RouteRecordRaw[] = [
  { path: 'hall/manage', name: 'hall-manage', component: () => import('@/views/hall/manage/index.vue'),
    meta: { title: '大厅管理', group: '大厅服务', menu: true, icon: 'Operation', permission: 'hall.manage' } },
  // The figures need org.read, which every staff role holds: the menu shows
  // the page to those who run, watch or work in the hall.
  { path: 'hall/live', name: 'hall-live', component: () => import('@/views/hall/live/index.vue'),
    meta: { title: '大厅实况', group: '大厅服务', menu: true, icon: 'DataLine',
      permissions: ['hall.manage', 'stats.read', 'case.intake'] } },
  // Everyone's own photo for the window screen (三亮明, policy 三(六)): no
  // permission, reached from the account menu rather than the side menu.
  { path: 'account/photo', name: 'my-photo', component: () => import('@/views/account/photo/index.vue'),
    meta: { title: '我的窗口照片' } },
];
