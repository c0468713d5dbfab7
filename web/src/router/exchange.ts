import type { RouteRecordRaw } from 'vue-router';

// 数据交换 (issue 10, item 7): webhook subscriptions and dead letters, for
// system and city administrators.
export const exchangeShellRoutes: RouteRecordRaw[] = [
  { path: 'exchange/webhooks', name: 'exchange-webhooks', component: () => import('@/views/exchange/webhooks/index.vue'),
    meta: { title: '数据交换', group: '系统管理', menu: true, icon: 'Operation', permission: 'exchange.manage' } },
];
