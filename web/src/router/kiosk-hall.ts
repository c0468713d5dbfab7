import type { RouteRecordRaw } from 'vue-router';

// Kiosk and citizen pages of the hall (issue 7): top-level routes.
export const kioskHallRoutes: RouteRecordRaw[] = [
  // 自助终端 (paired with /kiosk/pair#<token>): the start page and what it
  // offers besides the guides (/kiosk/guides, in index.ts). Full screen,
  // touch only, back to the start page after 60 s idle.
  { path: '/kiosk', component: () => import('@/layout/KioskLayout.vue'), meta: { public: true, kiosk: true },
    children: [
      { path: '', name: 'kiosk', component: () => import('@/views/kiosk/start/index.vue'),
        meta: { title: '自助服务', public: true, kiosk: true } },
      { path: 'pair', name: 'kiosk-pair', component: () => import('@/views/kiosk/pair/index.vue'),
        meta: { title: '终端配对', public: true, kiosk: true } },
      { path: 'ticket', name: 'kiosk-ticket', component: () => import('@/views/kiosk/ticket/index.vue'),
        meta: { title: '取号', public: true, kiosk: true } },
      { path: 'check-in', name: 'kiosk-check-in', component: () => import('@/views/kiosk/checkin/index.vue'),
        meta: { title: '预约签到', public: true, kiosk: true } },
      { path: 'progress', name: 'kiosk-progress', component: () => import('@/views/kiosk/progress/index.vue'),
        meta: { title: '办件进度', public: true, kiosk: true } },
    ] },
  // 在线预约 for citizens: /appointments?site=ID (the hall's QR code),
  // looking up, changing or cancelling a booking by its code and ID number,
  // and 网上取号 for today.
  { path: '/appointments', component: () => import('@/layout/PublicLayout.vue'), meta: { public: true },
    children: [
      { path: '', name: 'appointments', component: () => import('@/views/appointments/book/index.vue'),
        meta: { title: '在线预约', public: true } },
      { path: 'mine', name: 'appointment-mine', component: () => import('@/views/appointments/mine/index.vue'),
        meta: { title: '我的预约', public: true } },
      // 网上取号: /appointments/ticket?site=ID, where the site allows it.
      { path: 'ticket', name: 'appointment-ticket', component: () => import('@/views/appointments/ticket/index.vue'),
        meta: { title: '网上取号', public: true } },
    ] },
];
