import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import AppLayout from '@/layout/AppLayout.vue';

// Menu entries are the routes with meta.menu; titles are shown in the header.
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'overview', component: () => import('@/views/home/overview/index.vue'),
        meta: { title: '系统概况', menu: true, icon: 'Monitor' } },
      { path: 'events', name: 'events', component: () => import('@/views/system/events/index.vue'),
        meta: { title: '实时事件', menu: true, icon: 'Bell' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/errors/not-found/index.vue'),
        meta: { title: '页面不存在' } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : '';
  document.title = title ? `${title} · 一窗` : '一窗 · 人力社保基层服务平台';
});
