import type { RouteRecordRaw } from 'vue-router';

// 好差评 and 整改 (issue 10, item 1; policy 四(三)): staff pages inside the
// shell, and the window's evaluation pad (full screen, touch only).
export const evaluationShellRoutes: RouteRecordRaw[] = [
  { path: 'evaluation', name: 'evaluation', component: () => import('@/views/evaluation/list/index.vue'),
    meta: { title: '好差评', menu: true, icon: 'CircleCheck', permission: 'evaluation.read', group: '监督评价' } },
  { path: 'evaluation/rectifications', name: 'evaluation-rectifications',
    component: () => import('@/views/evaluation/rectifications/index.vue'),
    meta: { title: '整改任务', menu: true, icon: 'Bell', permission: 'evaluation.read', group: '监督评价' } },
  { path: 'evaluation/appeals', name: 'evaluation-appeals',
    component: () => import('@/views/evaluation/appeals/index.vue'),
    meta: { title: '申诉复核', menu: true, icon: 'Stamp', permission: 'evaluation.review', group: '监督评价' } },
];

// 窗口评价器: paired by /pad/pair#<token>, then /pad.
export const evaluationTopRoutes: RouteRecordRaw[] = [
  { path: '/pad', component: () => import('@/layout/PadLayout.vue'), meta: { public: true },
    children: [
      { path: '', name: 'pad', component: () => import('@/views/pad/index.vue'),
        meta: { title: '窗口评价器', public: true } },
      { path: 'pair', name: 'pad-pair', component: () => import('@/views/pad/pair/index.vue'),
        meta: { title: '评价器配对', public: true } },
    ] },
];
