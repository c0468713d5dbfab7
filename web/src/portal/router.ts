// The portal's pages under /portal (the server answers /portal/... with
// portal.html). Titles go into document.title; focus moves to the page's
// heading on navigation so screen readers announce the new page.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import HomePage from './pages/home/index.vue';
import { setTitle } from './title';

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage, meta: { title: '首页' } },
  { path: '/items', name: 'items', component: () => import('./pages/items/index.vue'), meta: { title: '办事事项' } },
  { path: '/items/:code', name: 'item', component: () => import('./pages/guide/index.vue'), meta: { title: '办事指南' } },
  { path: '/sites', name: 'sites', component: () => import('./pages/sites/index.vue'), meta: { title: '服务大厅' } },
  { path: '/login', name: 'login', component: () => import('./pages/login/index.vue'), meta: { title: '登录' } },
  { path: '/me', name: 'me', component: () => import('./pages/me/index.vue'), meta: { title: '我的服务' } },
  { path: '/me/cases/:caseNo', name: 'my-case', component: () => import('./pages/case/index.vue'), meta: { title: '办件详情' } },
  { path: '/book', name: 'book', component: () => import('./pages/book/index.vue'), meta: { title: '预约办事' } },
  { path: '/apply/:code', name: 'apply', component: () => import('./pages/apply/index.vue'), meta: { title: '网上办理' } },
  { path: '/complaints/new', name: 'complaint-new', component: () => import('./pages/complaint/index.vue'),
    meta: { title: '投诉举报' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/not-found/index.vue'),
    meta: { title: '页面不存在' } },
];

export const router = createRouter({
  history: createWebHistory('/portal/'),
  routes,
  scrollBehavior(to, _from, saved) {
    if (saved) return saved;
    if (to.hash) return { el: to.hash };
    return { top: 0 };
  },
});


let first = true;
router.afterEach((to, from) => {
  const title = to.meta.title;
  if (typeof title === 'string') setTitle(title);
  // Not on the first load (the skip link is the first stop there), nor when
  // only the query changes on the same page (a search keeps focus in its box).
  if (first) { first = false; return; }
  if (to.name === from.name && to.path === from.path) return;
  requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
});
