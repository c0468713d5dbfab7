import type { RouteRecordRaw } from 'vue-router';

// 基层业务 (issue 12; policy annex 一): the pages of community and street
// labour-security workers and the archive keeper, inside the shell. The
// community workers use them on a phone (AppLayout turns the side menu into
// a drawer on narrow screens). One block per area.
export const grassrootsShellRoutes: RouteRecordRaw[] = [
  // --- employment ---
  // --- end employment ---
  // --- labour ---
  // --- end labour ---
  // --- retirees ---
  // --- end retirees ---
  // --- archives ---
  // --- end archives ---
];
