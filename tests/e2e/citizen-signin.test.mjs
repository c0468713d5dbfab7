// Citizens sign in through the city's identity provider (issue 11, item 2;
// docs/api/citizen.md): a real OpenID Connect provider (npm oidc-provider)
// runs on 127.0.0.1; the browser goes from /api/citizen/login to its login
// and consent pages and back; the server exchanges the code with PKCE,
// checks the ID token and lands the citizen on /portal/me, signed in and
// linked to the case a clerk opened for their ID number. A second callback
// with the same state, a person without an ID number, a state from another
// browser and a cancelled sign-in all end on the login page with a reason,
// signed out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { freePort, startServer } from './lib/server.mjs';
import { launch, screenshot } from './lib/browser.mjs';
import { startOidcProvider, oidcAccounts, throughProvider } from './lib/oidc-provider.mjs';
import { signIn } from '../api/client.mjs';

let server;
let provider;
let browser;
let caseNo;

// A case of 东华门街道 for the given applicant, taken and accepted by the clerk.
async function openCaseFor(clerk, idNumber, name) {
  const hall = (await clerk.get('/api/org/sites')).body.items.find((x) => x.unit_code === '110101001' && x.kind === 'hall');
  const opened = await clerk.post('/api/cases', {
    item_code: 'BJ-JYCY-001', site_id: hall.id,
    applicant: { kind: 'person', id_number: idNumber, name, phone: '13800000001' },
  }, { headers: { 'Idempotency-Key': crypto.randomUUID() } });
  assert.equal(opened.status, 201, opened.text);
  for (const m of opened.body.materials.filter((x) => x.state === 'pending')) {
    await clerk.put(`/api/cases/${opened.body.id}/materials/${m.idx}`,
      m.required ? { state: 'received', form: 'original' } : { state: 'not_applicable' });
  }
  const accepted = await clerk.post(`/api/cases/${opened.body.id}/accept`, undefined);
  assert.equal(accepted.status, 200, accepted.text);
  return accepted.body.case_no;
}

before(async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ redirectUri: `${url}/api/citizen/callback` });
  server = await startServer({
    seed: true,
    port,
    env: {
      YICHUANG_SERVER_PUBLIC_URL: url,
      YICHUANG_OIDC_ISSUER: provider.issuer,
      YICHUANG_OIDC_CLIENT_ID: provider.clientId,
      YICHUANG_OIDC_CLIENT_SECRET: provider.clientSecret,
      YICHUANG_OIDC_PROVIDER_NAME: '北京市统一身份认证平台',
    },
  });
  browser = await launch();
  caseNo = await openCaseFor(await signIn(server.url, 'clerk'), oidcAccounts['citizen-zhang'].id_number, '张敏');
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.stop();
});

const me = (page) => page.evaluate(async () => {
  const r = await fetch('/api/citizen/me');
  return { status: r.status, body: r.status === 200 ? await r.json() : null };
});

test('a citizen signs in through the identity provider and sees their own case', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const config = await (await fetch(`${server.url}/api/citizen/config`)).json();
  assert.equal(config.oidc, true);
  assert.equal(config.provider_name, '北京市统一身份认证平台');
  assert.equal(config.demo, false);

  let callback = '';
  page.on('request', (r) => { if (r.url().includes('/api/citizen/callback')) callback = r.url(); });
  await page.goto(`${server.url}/api/citizen/login?next=/portal/me`);
  assert.ok(page.url().startsWith(provider.issuer), `at the provider: ${page.url()}`);
  const authorize = new URL(page.url());
  await throughProvider(page, 'citizen-zhang');
  await page.waitForURL(`${server.url}/portal/me`);
  assert.match(callback, /[?&]code=/);
  assert.match(callback, /[?&]state=/);

  const who = await me(page);
  assert.equal(who.status, 200);
  assert.equal(who.body.citizen.kind, 'person');
  assert.equal(who.body.citizen.name, '张*');
  assert.equal(who.body.citizen.id_number, '110101********1233');
  assert.equal(who.body.citizen.demo, false);
  const cases = await page.evaluate(async () => (await fetch('/api/citizen/cases')).json());
  assert.deepEqual(cases.items.map((c) => c.case_no), [caseNo]);
  assert.match(cases.items[0].progress_path, new RegExp(`^/progress/${caseNo}\\?t=`));
  await screenshot(page, 'citizen-01-signed-in');

  // The same callback again: its state was taken once.
  const replay = await context.request.get(callback, { maxRedirects: 0 });
  assert.equal(replay.status(), 302);
  assert.match(decodeURIComponent(replay.headers().location), /^\/portal\/login\?error=.*重新登录/);

  // Signing out ends the session.
  const out = await page.evaluate(async (csrf) => (await fetch('/api/citizen/logout', {
    method: 'POST', headers: { 'X-CSRF-Token': csrf } })).status, who.body.csrf_token);
  assert.equal(out, 204);
  assert.equal((await me(page)).status, 401);
  await context.close();
  void authorize;
});

test('a person the provider gives no ID number is turned away with the reason', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${server.url}/api/citizen/login?next=/portal/me`);
  await throughProvider(page, 'citizen-noid');
  await page.waitForURL(/\/portal\/login\?error=/);
  assert.match(decodeURIComponent(page.url()), /证件号码/);
  assert.equal((await me(page)).status, 401);
  await context.close();
});

test('a callback from another browser, or a cancelled sign-in, signs no one in', async () => {
  // Browser A starts; browser B is handed A's callback (login CSRF): B has no state cookie.
  const a = await browser.newContext({ locale: 'zh-CN' });
  const pageA = await a.newPage();
  let callback = '';
  pageA.on('request', (r) => { if (r.url().includes('/api/citizen/callback')) callback = r.url(); });
  await pageA.route('**/api/citizen/callback**', (route) => route.abort());
  await pageA.goto(`${server.url}/api/citizen/login`);
  await throughProvider(pageA, 'citizen-zhang').catch(() => {});
  for (let i = 0; i < 50 && !callback; i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(callback, 'the provider sent A back with a code');
  const b = await browser.newContext({ locale: 'zh-CN' });
  const stolen = await b.request.get(callback, { maxRedirects: 0 });
  assert.equal(stolen.status(), 302);
  assert.match(decodeURIComponent(stolen.headers().location), /不是从本浏览器发起/);
  assert.ok(!(stolen.headers()['set-cookie'] ?? '').includes('yc_citizen=') ||
            (stolen.headers()['set-cookie'] ?? '').includes('yc_citizen=;'));

  // The provider answers access_denied (the person cancelled): the right state, no session.
  const c = await browser.newContext({ locale: 'zh-CN' });
  const start = await c.request.get(`${server.url}/api/citizen/login`, { maxRedirects: 0 });
  assert.equal(start.status(), 302);
  const state = new URL(start.headers().location).searchParams.get('state');
  const cancelled = await c.request.get(`${server.url}/api/citizen/callback?error=access_denied&state=${state}`,
    { maxRedirects: 0 });
  assert.equal(cancelled.status(), 302);
  assert.match(decodeURIComponent(cancelled.headers().location), /您已取消登录/);
  const page = await c.newPage();
  await page.goto(`${server.url}/portal`);
  assert.equal((await me(page)).status, 401);
  for (const x of [a, b, c]) await x.close();
});

test('without a provider, sign-in says so and demo accounts are off', async () => {
  const plain = await startServer({ seed: true });
  try {
    const login = await fetch(`${plain.url}/api/citizen/login`, { redirect: 'manual' });
    assert.equal(login.status, 503);
    assert.match((await login.json()).error.message, /统一身份认证/);
    const demo = await fetch(`${plain.url}/api/citizen/demo-login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ account: 'zhangmin' }) });
    assert.equal(demo.status, 404);
  } finally {
    await plain.stop();
  }
});
