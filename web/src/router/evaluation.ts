import type { RouteRecordRaw } from 'vue-router';

// 好差评 and 整改 (issue 10, item 1; policy 四(三)): staff pages inside the
// shell, and the window's evaluation pad (full screen, touch only).
export const evaluationShellRoutes: RouteRecordRaw[] = [];
export const evaluationTopRoutes: RouteRecordRaw[] = [];
