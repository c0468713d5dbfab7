// Where a navigation may go, given who is signed in. Pure, so it is tested
// without a browser; index.ts wires it into the router.
import type { LocationQueryValue, RouteLocationRaw } from 'vue-router';
import type { Me } from '@/api/auth';

export interface GuardTarget {
  name?: string | symbol | null | undefined;
  fullPath: string;
  meta: { public?: boolean };
  query: Record<string, LocationQueryValue | LocationQueryValue[]>;
}

// Only same-site paths, so a crafted ?redirect= cannot send people elsewhere.
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\')) return '/';
  if (v === '/login' || v.startsWith('/login?')) return '/';
  return v;
}

// Whether the navigation needs to know who is signed in. Public pages other
// than the login page (the citizens' guides) do not ask the server, so
// people who never sign in cause no session look-ups.
export function needsSession(to: Pick<GuardTarget, 'name' | 'meta'>): boolean {
  return to.meta.public !== true || to.name === 'login';
}

export function decideNavigation(to: GuardTarget, me: Me | null): true | RouteLocationRaw {
  if (to.meta.public === true) {
    if (to.name === 'login' && me?.step === 'done') return safeRedirect(to.query.redirect);
    return true;
  }
  if (me === null || me.step !== 'done') {
    return to.fullPath === '/' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } };
  }
  return true;
}

// Whether an account with these permissions may see a page (and its menu
// entry): meta.permission is needed, and one of meta.permissions when given.
export function permitted(
  meta: { permission?: string | undefined; permissions?: readonly string[] | undefined } | undefined,
  has: (permission: string) => boolean,
): boolean {
  if (meta?.permission && !has(meta.permission)) return false;
  if (meta?.permissions && meta.permissions.length > 0 && !meta.permissions.some(has)) return false;
  return true;
}
