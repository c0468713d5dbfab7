import { describe, expect, it } from 'vitest';
import type { AuthStep, Me } from '@/api/auth';
import { decideNavigation, needsSession, permitted, safeRedirect, type GuardTarget } from './guard';

function me(step: AuthStep): Me {
  return {
    account: { id: 1, login: 'wangli', name: '王*', unit_code: '110101', unit_name: '东城区' },
    step, csrf_token: 't', idle_seconds: 900, expires_at: '2026-01-01T00:00:00Z', roles: [], permissions: [],
  };
}

function target(fullPath: string, extra: Partial<GuardTarget> = {}): GuardTarget {
  return { name: 'x', fullPath, meta: {}, query: {}, ...extra };
}

const login = (redirect?: string) =>
  target(redirect ? `/login?redirect=${encodeURIComponent(redirect)}` : '/login',
    { name: 'login', meta: { public: true }, query: redirect ? { redirect } : {} });

describe('decideNavigation', () => {
  it('sends people who are not signed in to the login page, remembering where they were going', () => {
    expect(decideNavigation(target('/audit/log?actor=a'), null))
      .toEqual({ name: 'login', query: { redirect: '/audit/log?actor=a' } });
    expect(decideNavigation(target('/'), null)).toEqual({ name: 'login' });
  });

  it('keeps a session with an unfinished step on the login page', () => {
    for (const step of ['totp', 'totp_enroll', 'change_password'] as const) {
      expect(decideNavigation(target('/org/units'), me(step)))
        .toEqual({ name: 'login', query: { redirect: '/org/units' } });
      expect(decideNavigation(login('/org/units'), me(step))).toBe(true);
    }
  });

  it('lets a finished session in, and moves it off the login page', () => {
    expect(decideNavigation(target('/org/units'), me('done'))).toBe(true);
    expect(decideNavigation(login('/org/units'), me('done'))).toBe('/org/units');
    expect(decideNavigation(login(), me('done'))).toBe('/');
    expect(decideNavigation(login(), null)).toBe(true);
  });
});

describe('public guides', () => {
  const guide = target('/guides/BJ-JYCY-001', { name: 'guide', meta: { public: true } });

  it('are open without a session and without asking who is signed in', () => {
    expect(decideNavigation(guide, null)).toBe(true);
    expect(decideNavigation(target('/guides?q=失业', { name: 'guides', meta: { public: true } }), me('totp'))).toBe(true);
    expect(needsSession(guide)).toBe(false);
  });

  it('leave the login page and the shell pages asking', () => {
    expect(needsSession(login())).toBe(true);
    expect(needsSession(target('/catalog/items'))).toBe(true);
  });
});

describe('safeRedirect', () => {
  it('allows only paths on this site', () => {
    expect(safeRedirect('/admin/accounts/3')).toBe('/admin/accounts/3');
    expect(safeRedirect('https://evil.example/')).toBe('/');
    expect(safeRedirect('//evil.example/')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect('/login?redirect=/x')).toBe('/');
    expect(safeRedirect(null)).toBe('/');
    expect(safeRedirect(['/a', '/b'])).toBe('/a');
  });
});

describe('permitted', () => {
  const holds = (...ps: string[]) => (p: string) => ps.includes(p);

  it('needs the one permission, or any one of the list', () => {
    expect(permitted({}, holds())).toBe(true);
    expect(permitted(undefined, holds())).toBe(true);
    expect(permitted({ permission: 'hall.manage' }, holds('hall.manage'))).toBe(true);
    expect(permitted({ permission: 'hall.manage' }, holds('case.intake'))).toBe(false);
    const queue = { permissions: ['case.review.first', 'case.approve'] };
    expect(permitted(queue, holds('case.approve'))).toBe(true);
    expect(permitted(queue, holds('case.intake'))).toBe(false);
    expect(permitted({ permission: 'org.read', permissions: ['case.approve'] }, holds('case.approve'))).toBe(false);
  });
});

describe('the public progress page', () => {
  it('asks nobody who is signed in', () => {
    expect(needsSession({ name: 'progress', meta: { public: true } })).toBe(false);
    expect(decideNavigation(target('/progress/20250124-000001?t=x', { name: 'progress', meta: { public: true } }), null))
      .toBe(true);
  });
});
