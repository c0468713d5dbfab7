import type { RouteRecordRaw } from 'vue-router';

// Kiosk and citizen pages of the hall (issue 7): top-level routes.
export const kioskHallRoutes: RouteRecordRaw[] = [];
