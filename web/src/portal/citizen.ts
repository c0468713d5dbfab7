// Citizens on the portal (issue 11 item 2; docs/api/citizen.md): where to
// go after signing in, how a case's status looks, the words for an account.
// Pure, tested without a browser.

export const DEFAULT_NEXT = '/portal/me';

// A place of this site to go after signing in, or `fallback`: a path that
// starts with exactly one '/' and holds nothing a browser would read as
// another site ('//host', '/\host', control characters, which URL parsing
// drops so that '/\t/host' becomes '//host').
export function safeNextPath(raw: unknown, fallback: string = DEFAULT_NEXT): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  // The same as the browser would resolve it: still this origin, same path.
  try {
    const base = 'https://portal.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
  } catch {
    return fallback;
  }
  return value;
}

// The portal route of a path of this site (the router's base is /portal),
// or null for a page elsewhere on the site (the staff app's public pages),
// which is opened with a full page load.
export function portalRouteOf(path: string): string | null {
  if (path === '/portal') return '/';
  if (path.startsWith('/portal/') || path.startsWith('/portal?') || path.startsWith('/portal#')) {
    const rest = path.slice('/portal'.length);
    return rest.startsWith('/') ? rest : `/${rest}`;
  }
  return null;
}

// The address of the provider's sign-in (a full page load: the server
// redirects to the identity provider).
export function oidcLoginUrl(next: string): string {
  return `/api/citizen/login?next=${encodeURIComponent(safeNextPath(next))}`;
}

// The login page's address that comes back to `next`.
export function loginPageRoute(next: string): { path: string; query: { next: string } } {
  return { path: '/login', query: { next: safeNextPath(next) } };
}

// The `?error=` the server puts on /portal/login after a failed sign-in: its
// Chinese message, shown as text; bounded so that a crafted address cannot
// fill the page.
export function loginErrorText(raw: unknown): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return '';
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (text === 'access_denied') return '您已取消登录。';
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

export type CaseTone = 'done' | 'action' | 'ended' | 'progress';

// How a case's status tag looks: finished, waiting for the person
// (补正), ended without a result (不予受理, 不予批准), or in progress.
export function caseTone(status: string, outcome: string | null = null): CaseTone {
  if (status === 'rejected' || outcome === 'refused') return 'ended';
  if (status === 'ready' || status === 'delivered' || status === 'closed') return 'done';
  if (status === 'notified' || status === 'returned') return 'action';
  return 'progress';
}

// The case waits for the applicant: the one-time notice (notified) or a
// reviewer's return (returned) asks for 补正.
export function needsCorrection(status: string): boolean {
  return status === 'notified' || status === 'returned';
}

// A link into the progress page, only when it stays on this site.
export function progressHref(path: string): string | null {
  return safeNextPath(path, '') === '' ? null : path;
}

export type CitizenKind = 'person' | 'employer';

export function idLabel(kind: CitizenKind): string {
  return kind === 'employer' ? '统一社会信用代码' : '身份证号';
}

// "2026-03-07" as 2026年3月7日; other text as it is.
export function dayText(day: string | null | undefined): string {
  if (!day) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}

const timeParts = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit',
  hourCycle: 'h23',
});

// Epoch milliseconds (UTC, as the server sends times) in Beijing: 2026年3月7日 14:05; '' when none.
export function timeText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const p = Object.fromEntries(timeParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const hour = p.hour === '24' ? '00' : p.hour;
  return `${p.year}年${p.month}月${p.day}日 ${hour}:${p.minute}`;
}
