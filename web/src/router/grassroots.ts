import type { RouteRecordRaw } from 'vue-router';

// 基层业务 (issue 12; policy annex 一): the pages of community and street
// labour-security workers and the archive keeper, inside the shell. The
// community workers use them on a phone (AppLayout turns the side menu into
// a drawer on narrow screens). One block per area.
export const grassrootsShellRoutes: RouteRecordRaw[] = [
  // --- employment ---
  // 劳动力资源台账 and 就业服务 (附件一(一), 附件二): the community worker's list and
  // person page (follow-up visits on a phone), vacancies with matching, employers,
  // referrals and 公益性岗位, and the figures of the street.
  { path: 'employment/residents', name: 'employment-residents', component: () => import('@/views/employment/residents/index.vue'),
    meta: { title: '劳动力台账', menu: true, icon: 'User', permission: 'employment.read', group: '基层业务' } },
  { path: 'employment/residents/:id(\\d+)', name: 'employment-resident', component: () => import('@/views/employment/resident/index.vue'),
    meta: { title: '人员详情', permission: 'employment.read' } },
  { path: 'employment/vacancies', name: 'employment-vacancies', component: () => import('@/views/employment/vacancies/index.vue'),
    meta: { title: '岗位信息', menu: true, icon: 'Tickets', permission: 'employment.read', group: '基层业务' } },
  { path: 'employment/vacancies/:id(\\d+)', name: 'employment-vacancy', component: () => import('@/views/employment/vacancy/index.vue'),
    meta: { title: '岗位匹配', permission: 'employment.read' } },
  { path: 'employment/employers', name: 'employment-employers', component: () => import('@/views/employment/employers/index.vue'),
    meta: { title: '用人单位', menu: true, icon: 'OfficeBuilding', permission: 'employment.read', group: '基层业务' } },
  { path: 'employment/referrals', name: 'employment-referrals', component: () => import('@/views/employment/referrals/index.vue'),
    meta: { title: '推荐与安置', menu: true, icon: 'Finished', permission: 'employment.read', group: '基层业务' } },
  { path: 'employment/summary', name: 'employment-summary', component: () => import('@/views/employment/summary/index.vue'),
    meta: { title: '就业服务概况', menu: true, icon: 'DataLine', permission: 'employment.read', group: '基层业务' } },
  // --- end employment ---
  // --- labour ---
  // 劳动关系 (annex 一(三)): 用工单位统计调查, 劳动争议调解, 矛盾隐患排查 with 移送监察.
  { path: 'labour/surveys', name: 'labour-surveys', component: () => import('@/views/labour/surveys/index.vue'),
    meta: { title: '用工调查', menu: true, icon: 'Document', permission: 'labour.read', group: '基层业务' } },
  { path: 'labour/mediations', name: 'labour-mediations', component: () => import('@/views/labour/mediations/index.vue'),
    meta: { title: '劳动争议调解', menu: true, icon: 'Stamp', permission: 'labour.read', group: '基层业务' } },
  { path: 'labour/hazards', name: 'labour-hazards', component: () => import('@/views/labour/hazards/index.vue'),
    meta: { title: '隐患排查', menu: true, icon: 'Warning', permission: 'labour.read', group: '基层业务' } },
  // --- end labour ---
  // --- retirees ---
  // 社会化退休人员管理, 工伤待遇人员社会化管理 (附件一(二)); 社区活动 (附件二).
  { path: 'retirees', name: 'retirees', component: () => import('@/views/retirees/registry/index.vue'),
    meta: { title: '退休人员', menu: true, icon: 'User', permission: 'retiree.read', group: '基层业务' } },
  { path: 'retirees/activities', name: 'retiree-activities', component: () => import('@/views/retirees/activities/index.vue'),
    meta: { title: '社区活动', menu: true, icon: 'Calendar', permission: 'retiree.read', group: '基层业务' } },
  // --- end retirees ---
  // --- archives ---
  // 失业人员档案 (annex 一(一)) and 档案库房 (三(五)): read by street workers and
  // administrators, changed only by the archive keeper (archive.write).
  { path: 'archives', name: 'archives', component: () => import('@/views/archives/ledger/index.vue'),
    meta: { title: '档案台账', menu: true, icon: 'Files', permission: 'archive.read', group: '基层业务' } },
  { path: 'archives/rooms', name: 'archive-rooms', component: () => import('@/views/archives/rooms/index.vue'),
    meta: { title: '库房检查', menu: true, icon: 'Finished', permission: 'archive.read', group: '基层业务' } },
  // --- end archives ---
];
