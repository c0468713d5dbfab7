import { describe, expect, it } from 'vitest';
import {
  caseTone, dayText, idLabel, loginErrorText, loginPageRoute, oidcLoginUrl, portalRouteOf, progressHref, safeNextPath,
} from './citizen';

describe('where to go after signing in', () => {
  it('keeps a path of this site', () => {
    expect(safeNextPath('/portal/me')).toBe('/portal/me');
    expect(safeNextPath('/portal/items?event=graduation#x')).toBe('/portal/items?event=graduation#x');
    expect(safeNextPath('/progress/YC2026?t=abc')).toBe('/progress/YC2026?t=abc');
    expect(safeNextPath('/')).toBe('/');
  });

  it('takes the first of a repeated query value', () => {
    expect(safeNextPath(['/portal/sites', '/portal/me'])).toBe('/portal/sites');
  });

  it('falls back to 我的 for anything that could leave the site', () => {
    for (const bad of [
      undefined, null, 42, '', 'portal/me', 'https://evil.example/portal', '//evil.example', '///evil.example',
      '/\\evil.example', '\\/evil.example', '/portal\\..\\x', '/\t/evil.example', '/\n/evil.example', ' /portal/me',
      'javascript:alert(1)', '/portal/me\u0000', `/${'a'.repeat(1000)}`,
    ]) {
      expect(safeNextPath(bad), String(bad)).toBe('/portal/me');
    }
  });

  it('uses the fallback it is given', () => {
    expect(safeNextPath('//evil.example', '/portal')).toBe('/portal');
  });
});

describe('portal routes', () => {
  it('turns a portal path into a route of the portal router', () => {
    expect(portalRouteOf('/portal')).toBe('/');
    expect(portalRouteOf('/portal/me')).toBe('/me');
    expect(portalRouteOf('/portal/items?q=1')).toBe('/items?q=1');
    expect(portalRouteOf('/portal?x=1')).toBe('/?x=1');
  });

  it('leaves other pages of the site to a full page load', () => {
    expect(portalRouteOf('/progress/YC1?t=a')).toBeNull();
    expect(portalRouteOf('/portals')).toBeNull();
    expect(portalRouteOf('/')).toBeNull();
  });

  it('builds the provider\'s sign-in and the login page addresses with a safe next', () => {
    expect(oidcLoginUrl('/portal/me')).toBe('/api/citizen/login?next=%2Fportal%2Fme');
    expect(oidcLoginUrl('//evil.example')).toBe('/api/citizen/login?next=%2Fportal%2Fme');
    expect(loginPageRoute('/portal/sites')).toEqual({ path: '/login', query: { next: '/portal/sites' } });
  });
});

describe('the login page\'s error', () => {
  it('shows the server\'s message as text, bounded', () => {
    expect(loginErrorText('登录已超时,请重新登录')).toBe('登录已超时,请重新登录');
    expect(loginErrorText(['第一条', '第二条'])).toBe('第一条');
    expect(loginErrorText('a\nb')).toBe('a b');
    expect(loginErrorText('长'.repeat(300))).toHaveLength(121);
    expect(loginErrorText(undefined)).toBe('');
  });

  it('says a cancelled sign-in in words', () => {
    expect(loginErrorText('access_denied')).toBe('您已取消登录。');
  });
});

describe('my cases', () => {
  it('tones a status: done, waiting for the person, ended, in progress', () => {
    expect(caseTone('ready')).toBe('done');
    expect(caseTone('delivered')).toBe('done');
    expect(caseTone('closed')).toBe('done');
    expect(caseTone('notified')).toBe('action');
    expect(caseTone('returned')).toBe('action');
    expect(caseTone('rejected')).toBe('ended');
    expect(caseTone('delivered', 'refused')).toBe('ended');
    expect(caseTone('review')).toBe('progress');
    expect(caseTone('intake')).toBe('progress');
  });

  it('links only to progress pages of this site', () => {
    expect(progressHref('/progress/YC1?t=abc')).toBe('/progress/YC1?t=abc');
    expect(progressHref('https://evil.example/progress')).toBeNull();
    expect(progressHref('//evil.example/progress')).toBeNull();
  });

  it('names the ID of a person and of an employer, and writes days in Chinese', () => {
    expect(idLabel('person')).toBe('身份证号');
    expect(idLabel('employer')).toBe('统一社会信用代码');
    expect(dayText('2026-03-07')).toBe('2026年3月7日');
    expect(dayText(null)).toBe('');
    expect(dayText('明天')).toBe('明天');
  });
});
