// The public portal's service worker (issue 11 item 1; registered by
// src/portal/main.ts in production builds, scope /portal). Hand-written and
// small on purpose:
// - pages under /portal: network first, else the cached app shell, so the
//   portal opens offline (it then shows its offline notice);
// - /assets/ (content-hashed, immutable): cache first, filled as used;
// - the icon and the manifest: network, else the copy cached at install;
// - the public catalog (GET /api/catalog/items[?...] and /api/catalog/items/:code):
//   stale-while-revalidate; it holds no personal data.
// Nothing else is touched: every other /api answer (bookings, progress,
// complaints: personal data) goes to the network only and is never stored.
const VERSION = 'portal-v1';
const SHELL = `${VERSION}-shell`;
const ASSETS = `${VERSION}-assets`;
const CATALOG = `${VERSION}-catalog`;
const SHELL_URL = '/portal';
const STATIC = ['/portal.webmanifest', '/favicon.svg', '/portal-icon-192.png'];
const CATALOG_MAX = 80;
const ASSETS_MAX = 60;

// The shell and the scripts and styles it loads first (read from its HTML).
async function cacheShell() {
  const shell = await caches.open(SHELL);
  const res = await fetch(SHELL_URL, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`shell: HTTP ${res.status}`);
  const html = await res.clone().text();
  await shell.put(SHELL_URL, res);
  await shell.addAll(STATIC);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  if (assets.length > 0) await (await caches.open(ASSETS)).addAll([...new Set(assets)]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('portal-') && !name.startsWith(`${VERSION}-`)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function isPortalPage(url) {
  return url.pathname === '/portal' || url.pathname.startsWith('/portal/');
}

function isPublicCatalog(url) {
  return url.pathname === '/api/catalog/items' || /^\/api\/catalog\/items\/[^/]+$/.test(url.pathname);
}

async function networkFirstPage(request) {
  try {
    const res = await fetch(request);
    if (res.ok) (await caches.open(SHELL)).put(SHELL_URL, res.clone());
    return res;
  } catch {
    const cached = await (await caches.open(SHELL)).match(SHELL_URL);
    return cached ?? new Response('<!doctype html><meta charset="utf-8"><title>一窗办事</title>'
      + '<p lang="zh-CN">当前没有网络连接,请联网后再打开。服务热线 12333。</p>',
    { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }
}

// The icons and the manifest: fresh when online, the shell's copy offline.
async function networkThenShellCache(request) {
  try {
    return await fetch(request);
  } catch (e) {
    const hit = await (await caches.open(SHELL)).match(request, { ignoreSearch: true });
    if (hit) return hit;
    throw e;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) {
    await cache.put(request, res.clone());
    await trim(cache, ASSETS_MAX);  // old builds' files go first
  }
  return res;
}

async function trim(cache, max) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(key);
}

async function staleWhileRevalidate(event) {
  const cache = await caches.open(CATALOG);
  const hit = await cache.match(event.request);
  const fresh = fetch(event.request).then(async (res) => {
    if (res.ok) {
      await cache.put(event.request, res.clone());
      await trim(cache, CATALOG_MAX);
    }
    return res;
  });
  if (hit) {
    event.waitUntil(fresh.catch(() => undefined));
    return hit;
  }
  return fresh;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && isPortalPage(url)) event.respondWith(networkFirstPage(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
  else if (STATIC.includes(url.pathname)) event.respondWith(networkThenShellCache(request));
  else if (isPublicCatalog(url)) event.respondWith(staleWhileRevalidate(event));
});
