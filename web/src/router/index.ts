import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import AppLayout from '@/layout/AppLayout.vue';
import { setAuthFailureHandler } from '@/api/client';
import { useSessionStore } from '@/stores/session';
import { decideNavigation, needsSession } from './guard';
import { hallStaffRoutes } from './hall-staff';
import { kioskHallRoutes } from './kiosk-hall';
import { screenHallRoutes } from './screens-hall';
import { staffRoutes } from './staff';
import { evaluationShellRoutes, evaluationTopRoutes } from './evaluation';
import { complaintShellRoutes, complaintTopRoutes } from './complaints';
import { disclosureTopRoutes } from './disclosure';
import { statsShellRoutes } from './stats';
import { exchangeShellRoutes } from './exchange';
import { grassrootsShellRoutes } from './grassroots';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    menu?: boolean;        // listed in the side menu
    group?: string;        // the side menu's sub-menu for the entry; none: top level
    icon?: string;         // a key of AppLayout's icon table
    permission?: string;   // needed to see the menu entry and the page
    permissions?: string[];  // any one of them is enough (with permission: that one too)
    public?: boolean;      // reachable without a finished session
    kiosk?: boolean;       // inside the self-service terminal (KioskLayout)
  }
}

// The pages inside the shell. Menu entries are the ones with meta.menu,
// in this order, those with meta.group gathered in a sub-menu where the
// group's first entry is; titles are shown in the header.
export const shellRoutes: RouteRecordRaw[] = [
  { path: '', name: 'overview', component: () => import('@/views/home/overview/index.vue'),
    meta: { title: '系统概况', menu: true, icon: 'Monitor' } },
  { path: 'events', name: 'events', component: () => import('@/views/system/events/index.vue'),
    meta: { title: '实时事件', menu: true, icon: 'Bell' } },
  { path: 'org/units', name: 'org-units', component: () => import('@/views/org/units/index.vue'),
    meta: { title: '组织机构', group: '组织与场所', menu: true, icon: 'OfficeBuilding', permission: 'org.read' } },
  { path: 'org/sites', name: 'org-sites', component: () => import('@/views/org/sites/index.vue'),
    meta: { title: '服务场所', group: '组织与场所', menu: true, icon: 'Location', permission: 'org.read' } },
  { path: 'org/sites/:id(\\d+)', name: 'org-site', component: () => import('@/views/org/sites/detail.vue'),
    meta: { title: '服务场所详情', permission: 'org.read' } },
  { path: 'catalog/items', name: 'catalog-items', component: () => import('@/views/catalog/items/index.vue'),
    meta: { title: '服务事项', group: '事项管理', menu: true, icon: 'Tickets', permission: 'catalog.manage' } },
  { path: 'catalog/items/:code', name: 'catalog-item', component: () => import('@/views/catalog/items/detail.vue'),
    meta: { title: '服务事项详情', permission: 'catalog.manage' } },
  { path: 'catalog/conformance', name: 'catalog-conformance',
    component: () => import('@/views/catalog/conformance/index.vue'),
    meta: { title: '合规检查', group: '事项管理', menu: true, icon: 'CircleCheck', permission: 'catalog.manage' } },
  { path: 'cases/workbench', name: 'case-workbench', component: () => import('@/views/cases/workbench/index.vue'),
    meta: { title: '窗口工作台', group: '办件办理', menu: true, icon: 'Stamp', permission: 'case.intake' } },
  { path: 'cases', name: 'cases', component: () => import('@/views/cases/list/index.vue'),
    meta: { title: '办件查询', group: '办件办理', menu: true, icon: 'Files', permission: 'case.intake' } },
  { path: 'cases/hotline', name: 'case-hotline', component: () => import('@/views/cases/hotline/index.vue'),
    meta: { title: '电话咨询', group: '办件办理', menu: true, icon: 'Phone', permission: 'case.consult' } },
  { path: 'cases/:id(\\d+)', name: 'case', component: () => import('@/views/cases/detail/index.vue'),
    meta: { title: '办件详情' } },
  { path: 'cases/queue', name: 'case-queue', component: () => import('@/views/cases/queue/index.vue'),
    meta: { title: '审核队列', group: '办件办理', menu: true, icon: 'Finished',
      permissions: ['case.review.first', 'case.review.second', 'case.approve', 'case.recheck'] } },
  { path: 'cases/board', name: 'case-board', component: () => import('@/views/cases/board/index.vue'),
    meta: { title: '时限监控', group: '办件办理', menu: true, icon: 'Timer', permission: 'hall.manage' } },
  { path: 'cases/incidents', name: 'case-incidents', component: () => import('@/views/cases/incidents/index.vue'),
    meta: { title: '应急处理', group: '办件办理', menu: true, icon: 'Warning',
      permissions: ['case.intake', 'hall.manage'] } },
  { path: 'admin/accounts', name: 'accounts', component: () => import('@/views/admin/accounts/index.vue'),
    meta: { title: '用户管理', group: '系统管理', menu: true, icon: 'User', permission: 'account.read' } },
  { path: 'admin/accounts/:id(\\d+)', name: 'account', component: () => import('@/views/admin/accounts/detail.vue'),
    meta: { title: '用户详情', permission: 'account.read' } },
  { path: 'admin/roles', name: 'roles', component: () => import('@/views/admin/roles/index.vue'),
    meta: { title: '角色与权限', group: '系统管理', menu: true, icon: 'Key', permission: 'account.read' } },
  { path: 'admin/calendar', name: 'calendar', component: () => import('@/views/admin/calendar/index.vue'),
    meta: { title: '工作日历', group: '系统管理', menu: true, icon: 'Calendar', permission: 'org.read' } },
  { path: 'audit/log', name: 'audit-log', component: () => import('@/views/audit/log/index.vue'),
    meta: { title: '审计日志', group: '系统管理', menu: true, icon: 'Document', permission: 'audit.read' } },
  { path: 'account/sessions', name: 'my-sessions', component: () => import('@/views/account/sessions/index.vue'),
    meta: { title: '我的会话' } },
  { path: 'account/password', name: 'my-password', component: () => import('@/views/account/password/index.vue'),
    meta: { title: '修改密码' } },
  ...hallStaffRoutes,
  ...staffRoutes,
  ...evaluationShellRoutes,
  ...complaintShellRoutes,
  ...statsShellRoutes,
  ...exchangeShellRoutes,
  ...grassrootsShellRoutes,
  { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/errors/not-found/index.vue'),
    meta: { title: '页面不存在' } },
];

export const routes: RouteRecordRaw[] = [
  { path: '/', component: AppLayout, children: shellRoutes },
  { path: '/login', name: 'login', component: () => import('@/views/auth/login/index.vue'),
    meta: { title: '登录', public: true } },
  // 办事指南 for citizens: no sign-in, no side menu (issue 5, item 6).
  { path: '/guides', component: () => import('@/layout/PublicLayout.vue'), meta: { public: true },
    children: [
      { path: '', name: 'guides', component: () => import('@/views/guides/list/index.vue'),
        meta: { title: '办事指南', public: true } },
      { path: ':code', name: 'guide', component: () => import('@/views/guides/detail/index.vue'),
        meta: { title: '办事指南', public: true } },
      { path: ':code/checklist', name: 'guide-checklist', component: () => import('@/views/guides/checklist/index.vue'),
        meta: { title: '申请材料清单', public: true } },
    ] },
  // 办件进度 for citizens: the receipt's QR code opens /progress/:caseNo?t=token.
  { path: '/progress/:caseNo?', component: () => import('@/layout/PublicLayout.vue'), meta: { public: true },
    children: [
      { path: '', name: 'progress', component: () => import('@/views/progress/index.vue'),
        meta: { title: '办件进度', public: true } },
    ] },
  // 自助终端 办事指南: full screen, touch only; /kiosk itself (the start page) is in kiosk-hall.ts.
  { path: '/kiosk/guides', component: () => import('@/layout/KioskLayout.vue'), meta: { public: true, kiosk: true },
    children: [
      { path: '', name: 'kiosk-guides', component: () => import('@/views/kiosk/home/index.vue'),
        meta: { title: '自助查询', public: true, kiosk: true } },
      { path: ':code', name: 'kiosk-item', component: () => import('@/views/kiosk/item/index.vue'),
        meta: { title: '自助查询', public: true, kiosk: true } },
      { path: ':code/checklist', name: 'kiosk-checklist', component: () => import('@/views/guides/checklist/index.vue'),
        meta: { title: '申请材料清单', public: true, kiosk: true } },
    ] },
  // 大厅显示屏: /screen/guides?site=ID, no interaction.
  { path: '/screen/guides', name: 'screen-guides', component: () => import('@/views/screen/guides/index.vue'),
    meta: { title: '大厅显示屏', public: true } },
  ...kioskHallRoutes,
  ...screenHallRoutes,
  ...evaluationTopRoutes,
  ...complaintTopRoutes,
  ...disclosureTopRoutes,
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const session = useSessionStore();
  if (!session.loaded && needsSession(to)) await session.load();
  return decideNavigation(to, session.me);
});

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : '';
  document.title = title ? `${title} · 一窗` : '一窗 · 人力社保基层服务平台';
});

// A request that finds the session gone or unfinished sends people back to
// the login page, which shows the step the server asks for.
setAuthFailureHandler((error) => {
  const session = useSessionStore();
  void session.authFailed(error).then(() => {
    const current = router.currentRoute.value;
    if (current.name === 'login') return;
    void router.push({ name: 'login', query: { redirect: current.fullPath } });
  });
});
