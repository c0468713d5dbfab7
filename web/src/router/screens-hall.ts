import type { RouteRecordRaw } from 'vue-router';

// The hall screen and the window screens (issue 7): top-level, no sign-in,
// no keyboard or mouse; full screen on the hall's TVs.
export const screenHallRoutes: RouteRecordRaw[] = [
  // 大厅叫号屏: /screen/hall?site=ID
  { path: '/screen/hall', name: 'screen-hall', component: () => import('@/views/screen/hall/index.vue'),
    meta: { title: '大厅叫号屏', public: true } },
  // 窗口屏 (三亮明): /screen/window?window=ID
  { path: '/screen/window', name: 'screen-window', component: () => import('@/views/screen/window/index.vue'),
    meta: { title: '窗口屏', public: true } },
];
