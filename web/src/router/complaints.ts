import type { RouteRecordRaw } from 'vue-router';

// 投诉举报 (issue 10, item 2; policy 三(四)): the officers' pages inside the
// shell, and the citizens' form and tracking page (PublicLayout). The public
// pages are records of their own, so /complaints itself stays the shell page.
export const complaintShellRoutes: RouteRecordRaw[] = [
  { path: 'complaints', name: 'complaints', component: () => import('@/views/complaints/list/index.vue'),
    meta: { title: '投诉举报', menu: true, icon: 'Warning', permissions: ['complaint.read', 'complaint.intake'], group: '监督评价' } },
];

const PublicLayout = () => import('@/layout/PublicLayout.vue');

export const complaintTopRoutes: RouteRecordRaw[] = [
  { path: '/complaints/new', component: PublicLayout, meta: { public: true },
    children: [
      { path: '', name: 'complaint-new', component: () => import('@/views/complaints/new/index.vue'),
        meta: { title: '投诉举报', public: true } },
    ] },
  // ?no=&code= prefills the form (the link shown after filing).
  { path: '/complaints/track', component: PublicLayout, meta: { public: true },
    children: [
      { path: '', name: 'complaint-track', component: () => import('@/views/complaints/track/index.vue'),
        meta: { title: '投诉办理进度', public: true } },
    ] },
];
