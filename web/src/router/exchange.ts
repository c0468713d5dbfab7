import type { RouteRecordRaw } from 'vue-router';

// 数据交换 (issue 10, item 7): webhook subscriptions and dead letters, and
// the systems reading the API with a token (接入系统), for system and city
// administrators.
export const exchangeShellRoutes: RouteRecordRaw[] = [
  { path: 'exchange/webhooks', name: 'exchange-webhooks', component: () => import('@/views/exchange/webhooks/index.vue'),
    meta: { title: '数据交换', group: '系统管理', menu: true, icon: 'Operation', permission: 'exchange.manage' } },
  { path: 'exchange/api-clients', name: 'exchange-api-clients',
    component: () => import('@/views/exchange/api-clients/index.vue'),
    meta: { title: '接入系统', group: '系统管理', menu: true, icon: 'Key', permission: 'exchange.manage' } },
];
