import type { RouteRecordRaw } from 'vue-router';

// 四公开 for citizens (policy 三(八)): a hall's or point's procedures, bases,
// time limits, results and who is on duty (三亮明), under PublicLayout.
export const disclosureTopRoutes: RouteRecordRaw[] = [
  { path: '/sites/:site/disclosure', component: () => import('@/layout/PublicLayout.vue'), meta: { public: true },
    children: [
      { path: '', name: 'site-disclosure', component: () => import('@/views/disclosure/index.vue'),
        meta: { title: '四公开', public: true } },
    ] },
];
