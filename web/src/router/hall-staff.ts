import type { RouteRecordRaw } from 'vue-router';

// Staff pages of the hall (issue 7): inside the shell, before the catch-all.
export const hallStaffRoutes: RouteRecordRaw[] = [];
