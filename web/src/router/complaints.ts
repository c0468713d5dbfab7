import type { RouteRecordRaw } from 'vue-router';

// 投诉举报 (issue 10, item 2; policy 三(四)): the officers' pages inside the
// shell, and the citizens' form and tracking page (PublicLayout).
export const complaintShellRoutes: RouteRecordRaw[] = [];
export const complaintTopRoutes: RouteRecordRaw[] = [];
