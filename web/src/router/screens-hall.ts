import type { RouteRecordRaw } from 'vue-router';

// The hall screen and the window screens (issue 7): top-level, no sign-in.
export const screenHallRoutes: RouteRecordRaw[] = [];
