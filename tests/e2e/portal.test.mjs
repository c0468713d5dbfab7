// The public portal (issue 11 item 1) in the browser: a citizen on a phone
// opens /portal, picks a life event, opens a guide, goes to the halls, turns
// on 大字号 and finds it kept after a reload. axe-core finds no serious or
// critical violation on the home, item list, guide and sites pages, in the
// normal and in the large-font mode. Screenshots at phone and desktop size go
// to YICHUANG_E2E_ARTIFACTS.
// Issue 11 items 1, 2 and 4: the sites come from GET /api/public/sites with
// today's queue and sort by distance from a shared position; a demo citizen
// signs in on /portal/login, finds their case on /portal/me with its
// progress link, and signs out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer } from './lib/server.mjs';
import { axeProblems, launch, screenshot, strictPage } from './lib/browser.mjs';
import { signIn } from '../api/client.mjs';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 900 };
const ITEM = 'BJ-JYCY-024';  // 离校未就业高校毕业生实名登记: a graduation item

let server;
let browser;

before(async () => {
  server = await startServer({ seed: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});


const PAGES = [
  { name: 'home', path: '/portal', ready: '[data-test="portal-event"]' },
  { name: 'items', path: '/portal/items?event=graduation', ready: '[data-test="portal-item"]' },
  { name: 'guide', path: `/portal/items/${ITEM}`, ready: '[data-test="portal-offer"]' },
  { name: 'sites', path: '/portal/sites', ready: '[data-test="portal-site-queue"]' },
  // Without a provider or demo citizens (this server): where to go instead.
  { name: 'login', path: '/portal/login', ready: '[data-test="portal-login-unavailable"]' },
];

test('a citizen on a phone finds a graduate\'s item, its guide and the halls', async () => {
  const { page, context, problems } = await strictPage(browser, PHONE);
  await page.goto(`${server.url}/portal`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), '人力社保 一窗办事');
  for (const landmark of ['banner', 'main', 'contentinfo']) assert.equal(await page.getByRole(landmark).count(), 1, landmark);
  assert.equal(await page.getByRole('search').count(), 1);
  // The skip link is the first stop of the keyboard and lands on the main region.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), '跳到主要内容');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  // Entry points to the channels of the main app.
  assert.equal(await page.locator('[data-test="portal-service-progress"]').getAttribute('href'), '/progress');
  assert.equal(await page.locator('[data-test="portal-service-complaint"]').getAttribute('href'), '/complaints/new');
  const events = await page.locator('[data-test="portal-event"]').allInnerTexts();
  assert.ok(['毕业就业', '失业', '创业', '参保', '退休'].every((w) => events.includes(w)), events.join(','));
  assert.equal(await page.locator('[data-test="portal-category"]').count(), 4);
  await screenshot(page, 'portal-01-phone-home');

  // 毕业就业: the same items as the catalog API lists for the event.
  await page.locator('[data-test="portal-event"][data-event="graduation"]').click();
  await page.waitForURL(/\/portal\/items\?event=graduation$/);
  await page.locator('[data-test="portal-item"]').first().waitFor();
  const expected = (await (await fetch(`${server.url}/api/catalog/items?event=graduation`)).json()).items.map((i) => i.code);
  assert.deepEqual(await page.locator('[data-test="portal-item"]').evaluateAll((els) => els.map((e) => e.dataset.code)), expected);
  assert.equal((await page.locator('[data-test="portal-items-title"]').innerText()).trim(), '毕业就业');
  assert.ok(expected.includes(ITEM));
  await screenshot(page, 'portal-02-phone-items');

  // The guide: conditions, materials, steps, where to go and the printable notice.
  await page.locator(`[data-test="portal-item"][data-code="${ITEM}"] a`).click();
  await page.locator('[data-test="portal-offer"]').first().waitFor();
  const full = await (await fetch(`${server.url}/api/catalog/items/${ITEM}`)).json();
  assert.equal((await page.locator('[data-test="portal-guide-name"]').innerText()).trim(), full.name);
  assert.equal(await page.locator('[data-test="portal-material"]').count(), full.document.materials.length);
  assert.equal(await page.locator('[data-test="portal-guide-process"] li').count(), full.document.process.length);
  assert.equal(await page.locator('[data-test="portal-guide-pdf"]').getAttribute('href'), `/api/catalog/items/${ITEM}/guide.pdf`);
  const pdf = await fetch(`${server.url}/api/catalog/items/${ITEM}/guide.pdf`);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const offers = (await (await fetch(`${server.url}/api/catalog/items/${ITEM}/offers`)).json()).items;
  assert.equal(await page.locator('[data-test="portal-offer"]').count(), offers.length);
  assert.match(await page.title(), new RegExp(`^${full.name} · 一窗办事$`));
  await screenshot(page, 'portal-03-phone-guide');

  // The halls: each with today's queue, the 四公开 page and, for a hall, booking.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '服务大厅' }).click();
  await page.locator(PAGES[3].ready).first().waitFor();
  const hall = page.locator('[data-test="portal-site"][data-site="1"]');
  assert.match(await hall.locator('[data-test="portal-site-queue"]').innerText(), /今日等候 \d+ 人\s*开放窗口 \d+ 个/);
  assert.equal(await hall.locator('[data-test="portal-site-disclosure"]').getAttribute('href'), '/sites/1/disclosure');
  assert.equal(await hall.locator('[data-test="portal-site-book"]').getAttribute('href'), '/portal/book?site=1');
  const point = page.locator('[data-test="portal-site"][data-site="3"]');
  assert.match(await point.locator('[data-test="portal-site-queue"]').innerText(), /未开放取号/);
  assert.equal(await point.locator('[data-test="portal-site-book"]').count(), 0);
  // Without a position the halls go by district; the street hall before its points.
  const order = await page.locator('[data-test="portal-site"]').evaluateAll((els) => els.map((e) => Number(e.dataset.site)));
  assert.ok(order.indexOf(1) < order.indexOf(3) && order.indexOf(3) < order.indexOf(2), order.join(','));
  await screenshot(page, 'portal-04-phone-sites');

  // 大字号, kept after a reload.
  await page.locator('[data-test="portal-large-font"]').click();
  assert.equal(await page.locator('[data-test="portal-large-font"]').getAttribute('aria-pressed'), 'true');
  await page.reload();
  await page.locator(PAGES[3].ready).first().waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('yc-large-font')));
  assert.equal(await page.locator('[data-test="portal-large-font"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '20px');
  await screenshot(page, 'portal-05-phone-sites-large-font');
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe finds no serious or critical violation, in normal, large-font and high-contrast mode', async () => {
  const { page, context, problems } = await strictPage(browser, PHONE);
  const found = [];
  for (const mode of [{}, { largeFont: true }, { largeFont: true, highContrast: true }]) {
    const label = mode.highContrast ? 'high-contrast' : mode.largeFont ? 'large-font' : 'normal';
    await page.goto(`${server.url}/portal`);
    await page.evaluate((m) => localStorage.setItem('yichuang.a11y', JSON.stringify(m)), mode);
    for (const p of PAGES) {
      await page.goto(`${server.url}${p.path}`);
      await page.locator(p.ready).first().waitFor();
      found.push(...await axeProblems(page, `${p.name} (${label})`));
      if (label !== 'normal') await screenshot(page, `portal-06-phone-${p.name}-${label}`, { fullPage: false });
    }
  }
  assert.deepEqual(found, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the desktop portal, and an unknown item says so', async () => {
  const { page, context, problems } = await strictPage(browser, DESK);
  await page.goto(`${server.url}/portal`);
  await page.locator('[data-test="portal-event"]').first().waitFor();
  await screenshot(page, 'portal-07-desktop-home');
  // Search from the home page.
  await page.locator('[data-test="portal-search"]').first().fill('社会保障卡');
  await page.locator('[data-test="portal-search-submit"]').first().click();
  await page.waitForURL(/\/portal\/items\?q=/);
  await page.locator('[data-test="portal-item"]').first().waitFor();
  const found = (await (await fetch(`${server.url}/api/catalog/items?q=${encodeURIComponent('社会保障卡')}`)).json()).items;
  assert.deepEqual(await page.locator('[data-test="portal-item"]').evaluateAll((els) => els.map((e) => e.dataset.code)),
    found.map((i) => i.code));
  assert.equal((await page.locator('[data-test="portal-items-count"]').innerText()).trim(), `共 ${found.length} 项`);
  await page.goto(`${server.url}/portal/items/${ITEM}`);
  await page.locator('[data-test="portal-offer"]').first().waitFor();
  await screenshot(page, 'portal-08-desktop-guide');
  await page.goto(`${server.url}/portal/items/NO-SUCH-ITEM`);
  await page.locator('[data-test="portal-error"]').waitFor();
  assert.match(await page.locator('[data-test="portal-error"]').innerText(), /没有找到这个事项/);
  // The 404 answer is logged by Chromium; nothing else may be.
  assert.deepEqual(problems.filter((p) => !/404 \(Not Found\)/.test(p)), []);
  await context.close();
});

test('the portal is installable: manifest, icons and a service worker that opens it offline', async () => {
  const manifest = await (await fetch(`${server.url}/portal.webmanifest`)).json();
  assert.equal(manifest.start_url, '/portal');
  assert.equal(manifest.display, 'standalone');
  for (const icon of manifest.icons) assert.equal((await fetch(`${server.url}${icon.src}`)).status, 200, icon.src);
  const { page, context, problems } = await strictPage(browser, PHONE);
  await page.goto(`${server.url}/portal`);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, `${server.url}/portal`);
  await page.reload();  // now controlled by the worker
  await page.locator('[data-test="portal-event"]').first().waitFor();
  await context.setOffline(true);
  await page.reload();
  await page.locator('[data-test="portal-event"]').first().waitFor();
  await page.locator('[data-test="portal-offline"]').waitFor();
  assert.ok(await page.locator('.p-brand-mark').evaluate((img) => img.complete && img.naturalWidth > 0), 'the icon offline');
  await screenshot(page, 'portal-09-phone-offline', { fullPage: false });
  await context.setOffline(false);
  // Offline, the system info cannot be fetched; Chromium logs that.
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR/.test(p)), []);
  await context.close();
});

// Great-circle kilometres, as the portal measures them (sites.ts).
function km(a, b) {
  const rad = (d) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.latitude - a.latitude) / 2) ** 2
    + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

test('the sites page shows the API\'s sites with today\'s queue, filters by district and sorts by distance', async () => {
  // A clerk opens a window at 东华门 (site 1) and issues tickets, so that
  // somebody waits there; one is called and finished (today's service time).
  const clerk = await signIn(server.url, 'clerk');
  const windows = (await clerk.get('/api/hall/sites/1/windows')).body.items;
  const board = (await (await fetch(`${server.url}/api/hall/sites/1/board`)).json());
  const win = windows.find((w) => (w.groups ?? []).length > 0) ?? windows[0];
  assert.equal((await clerk.post(`/api/hall/windows/${win.id}/sign-in`)).status, 200);
  const group = (win.groups?.[0]?.code ?? win.groups?.[0]) || board.groups[0].code;
  for (let i = 0; i < 4; i++) {
    const t = await clerk.post('/api/hall/sites/1/tickets', { group }, { headers: { 'Idempotency-Key': crypto.randomUUID() } });
    assert.equal(t.status, 201, t.text);
  }
  assert.equal((await clerk.post(`/api/hall/windows/${win.id}/call`)).status, 200);
  assert.equal((await clerk.post(`/api/hall/windows/${win.id}/finish`)).status, 200);

  const api = (await (await fetch(`${server.url}/api/public/sites`)).json()).items;
  const dongHua = api.find((x) => x.id === 1);
  assert.ok(dongHua.waiting >= 3 && dongHua.open_windows >= 1, JSON.stringify(dongHua));
  assert.ok(api.every((x) => x.longitude !== null && x.latitude !== null), 'the demo sites have positions');

  const { page, context, problems } = await strictPage(browser, PHONE);
  await context.grantPermissions(['geolocation'], { origin: server.url });
  // Near 新街口 (site 2), several kilometres from 东华门.
  const here = { longitude: 116.366, latitude: 39.941 };
  await context.setGeolocation(here);
  await page.goto(`${server.url}/portal/sites`);
  await page.locator('[data-test="portal-site"]').first().waitFor();
  assert.equal(await page.locator('[data-test="portal-account"]').getAttribute('data-state'), 'anonymous');
  assert.deepEqual((await page.locator('[data-test="portal-site"]').evaluateAll((els) => els.map((e) => Number(e.dataset.site)))).sort(),
    api.map((x) => x.id).sort());
  for (const x of api) {
    const card = page.locator(`[data-test="portal-site"][data-site="${x.id}"]`);
    const text = await card.innerText();
    for (const want of [x.name, x.address, x.hours, x.phone, x.district_name]) assert.ok(text.includes(want), `${x.id}: ${want}`);
    const queue = await card.locator('[data-test="portal-site-queue"]').innerText();
    if (!x.takes_tickets) {
      assert.match(queue, /未开放取号/);
    } else {
      assert.match(queue, new RegExp(`今日等候 ${x.waiting} 人`));
      assert.match(queue, new RegExp(`开放窗口 ${x.open_windows} 个`));
      if (x.avg_service_minutes !== null && x.waiting > 0) {
        const minutes = Math.max(1, Math.round((x.waiting * x.avg_service_minutes) / Math.max(x.open_windows, 1)));
        assert.match(queue, new RegExp(`预计等候约 ${minutes} 分钟`));
      } else {
        assert.doesNotMatch(queue, /预计等候/);
      }
    }
    assert.equal(await card.locator('[data-test="portal-site-closed"]').count(), x.takes_tickets && !x.open_now ? 1 : 0, `${x.id} open_now`);
  }
  await screenshot(page, 'portal-10-phone-sites-queue');

  // By district: 西城区 only, kept in the address; then all again.
  await page.locator('[data-test="portal-district"]').selectOption({ label: '西城区' });
  await page.waitForURL(/\/portal\/sites\?district=110102$/);
  assert.deepEqual(await page.locator('[data-test="portal-site"]').evaluateAll((els) => els.map((e) => Number(e.dataset.site))),
    api.filter((x) => x.district_code === '110102').map((x) => x.id));
  await page.locator('[data-test="portal-district"]').selectOption('');
  await page.waitForURL(/\/portal\/sites$/);

  // 按离我最近排序: the nearest first, each with its distance.
  await page.locator('[data-test="portal-locate"]').click();
  await page.locator('[data-test="portal-locate-status"]', { hasText: '已按离您的距离排列' }).waitFor();
  const expected = [...api].sort((a, b) => km(here, a) - km(here, b)).map((x) => x.id);
  assert.equal(expected[0], 2);
  assert.deepEqual(await page.locator('[data-test="portal-site"]').evaluateAll((els) => els.map((e) => Number(e.dataset.site))), expected);
  assert.equal(await page.locator('[data-test="portal-site-distance"]').count(), api.length);
  assert.match(await page.locator('[data-test="portal-site"]').first().locator('[data-test="portal-site-distance"]').innerText(),
    /^距您约 \d+ 米$/);
  assert.match(await page.locator(`[data-test="portal-site"][data-site="1"] [data-test="portal-site-distance"]`).innerText(),
    /^距您约 \d\.\d 公里$/);
  await screenshot(page, 'portal-11-phone-sites-nearest');
  await page.setViewportSize(DESK);
  await screenshot(page, 'portal-12-desktop-sites-nearest');
  assert.deepEqual(problems, []);
  await context.close();

  // Refused: a clear message, and the district order stays.
  const refused = await strictPage(browser, PHONE);
  await refused.context.clearPermissions();
  await refused.page.goto(`${server.url}/portal/sites`);
  await refused.page.locator('[data-test="portal-site"]').first().waitFor();
  await refused.page.locator('[data-test="portal-locate"]').click();
  await refused.page.locator('[data-test="portal-locate-status"]', { hasText: '没有允许' }).waitFor();
  assert.equal(await refused.page.locator('[data-test="portal-site-distance"]').count(), 0);
  await screenshot(refused.page, 'portal-13-phone-sites-refused', { fullPage: false });
  assert.deepEqual(refused.problems, []);
  await refused.context.close();
});

test('the login page says when there is no way to sign in online, and shows the server\'s error', async () => {
  const { page, context, problems } = await strictPage(browser, PHONE);
  await page.goto(`${server.url}/portal/login?error=${encodeURIComponent('登录已超时,请重新登录')}`);
  await page.locator('[data-test="portal-login-unavailable"]').waitFor();
  assert.match(await page.locator('[data-test="portal-login-unavailable"]').innerText(), /暂未开放网上登录/);
  assert.match(await page.getByRole('alert').innerText(), /登录已超时,请重新登录/);
  assert.equal(await page.locator('[data-test="portal-login-oidc"]').count(), 0);
  assert.equal(await page.locator('[data-test="portal-demo-accounts"]').count(), 0);
  await screenshot(page, 'portal-14-phone-login-unavailable');
  assert.deepEqual(problems, []);
  await context.close();
});

// The demo citizen 张敏 (key zhangmin) of `seed-demo` with citizen demo accounts.
const ZHANGMIN = { key: 'zhangmin', id_number: '110101199003071233', name: '张敏' };

// A case of today at 东华门街道 for `applicant`, taken and accepted by `clerk`
// (tests/api/client.mjs finishedCase, with an applicant of our choosing):
// the immediate item BJ-JYCY-001 is ready at once.
async function caseFor(clerk, applicant) {
  const sites = await clerk.get('/api/org/sites');
  const hall = sites.body.items.find((x) => x.unit_code === '110101001' && x.kind === 'hall');
  const opened = await clerk.post('/api/cases', {
    item_code: 'BJ-JYCY-001', site_id: hall.id,
    applicant: { kind: 'person', id_number: applicant.id_number, name: applicant.name, phone: '13800000001' },
  }, { headers: { 'Idempotency-Key': crypto.randomUUID() } });
  assert.equal(opened.status, 201, opened.text);
  for (const m of opened.body.materials.filter((x) => x.state === 'pending')) {
    const judged = await clerk.put(`/api/cases/${opened.body.id}/materials/${m.idx}`,
      m.required ? { state: 'received', form: 'original' } : { state: 'not_applicable' });
    assert.equal(judged.status, 200, judged.text);
  }
  const accepted = await clerk.post(`/api/cases/${opened.body.id}/accept`, undefined);
  assert.equal(accepted.status, 200, accepted.text);
  return accepted.body;
}

test('a demo citizen signs in, finds their case on 我的服务 and signs out', async () => {
  const demo = await startServer({ seed: true, env: { YICHUANG_CITIZEN_DEMO_ACCOUNTS: 'true' } });
  try {
    const clerk = await signIn(demo.url, 'clerk');
    const opened = await caseFor(clerk, ZHANGMIN);
    const { page, context, problems } = await strictPage(browser, PHONE);

    // The login page: a failed sign-in's message, and the demo citizens, marked.
    await page.goto(`${demo.url}/portal/login?next=${encodeURIComponent('/portal/me')}&error=${encodeURIComponent('登录已超时,请重新登录')}`);
    await page.locator('[data-test="portal-demo-account"]').first().waitFor();
    assert.match(await page.locator('[data-test="portal-login-error"]').innerText(), /登录已超时,请重新登录/);
    const accounts = page.locator('[data-test="portal-demo-account"]');
    const config = await (await fetch(`${demo.url}/api/citizen/config`)).json();
    assert.equal(await accounts.count(), config.demo_accounts.length);
    for (const text of await accounts.allInnerTexts()) assert.match(text, /演示账号/);
    assert.equal(await page.locator('[data-test="portal-account"]').getAttribute('data-state'), 'anonymous');
    await screenshot(page, 'portal-15-phone-login-demo-error');
    await page.setViewportSize(DESK);
    await screenshot(page, 'portal-16-desktop-login-demo-error');
    await page.setViewportSize(PHONE);
    const found = [];
    for (const mode of [{}, { largeFont: true }, { largeFont: true, highContrast: true }]) {
      const label = mode.highContrast ? 'high-contrast' : mode.largeFont ? 'large-font' : 'normal';
      await page.evaluate((m) => localStorage.setItem('yichuang.a11y', JSON.stringify(m)), mode);
      await page.goto(`${demo.url}/portal/login`);
      await page.locator('[data-test="portal-demo-account"]').first().waitFor();
      found.push(...await axeProblems(page, `login (${label})`));
      if (label === 'high-contrast') await screenshot(page, 'portal-17-phone-login-high-contrast', { fullPage: false });
    }
    await page.evaluate(() => localStorage.setItem('yichuang.a11y', '{}'));

    // Sign in as 张敏: 我的服务 with the masked name, 演示, and the case.
    await page.goto(`${demo.url}/portal/login`);
    await page.locator(`[data-test="portal-demo-account"][data-account="${ZHANGMIN.key}"]`).click();
    await page.waitForURL(/\/portal\/me$/);
    await page.locator('[data-test="portal-case"]').first().waitFor();
    const me = await (await context.request.get(`${demo.url}/api/citizen/me`)).json();
    assert.equal(me.citizen.demo, true);
    assert.equal((await page.locator('[data-test="portal-me-name"]').innerText()).trim(), me.citizen.name);
    assert.match(me.citizen.name, /^张\*+$/);
    assert.equal((await page.locator('[data-test="portal-me-id"]').innerText()).trim(), me.citizen.id_number);
    assert.ok(!(await page.locator('main').innerText()).includes(ZHANGMIN.id_number), 'the full ID number is never shown');
    assert.equal((await page.locator('[data-test="portal-me-demo"]').innerText()).trim(), '演示');
    const account = page.locator('[data-test="portal-account"]');
    assert.equal(await account.getAttribute('data-state'), 'signed-in');
    assert.match(await account.innerText(), new RegExp(me.citizen.name.replace('*', '\\*')));
    const mine = (await (await context.request.get(`${demo.url}/api/citizen/cases`)).json()).items;
    assert.deepEqual(await page.locator('[data-test="portal-case"]').evaluateAll((els) => els.map((e) => e.dataset.case)),
      mine.map((c) => c.case_no));
    const card = page.locator(`[data-test="portal-case"][data-case="${opened.case_no}"]`);
    const item = mine.find((c) => c.case_no === opened.case_no);
    assert.equal((await card.locator('[data-test="portal-case-status"]').innerText()).trim(), item.status_name);
    assert.equal((await card.locator('[data-test="portal-case-no"]').innerText()).trim(), opened.case_no);
    const link = card.locator('[data-test="portal-case-progress"]');
    assert.equal(await link.getAttribute('href'), item.progress_path);
    await screenshot(page, 'portal-18-phone-me');
    await page.setViewportSize(DESK);
    await screenshot(page, 'portal-19-desktop-me');
    await page.setViewportSize(PHONE);
    for (const mode of [{}, { largeFont: true }, { largeFont: true, highContrast: true }]) {
      const label = mode.highContrast ? 'high-contrast' : mode.largeFont ? 'large-font' : 'normal';
      await page.evaluate((m) => localStorage.setItem('yichuang.a11y', JSON.stringify(m)), mode);
      await page.reload();
      await page.locator('[data-test="portal-case"]').first().waitFor();
      found.push(...await axeProblems(page, `me (${label})`));
      if (label !== 'normal') await screenshot(page, `portal-20-phone-me-${label}`, { fullPage: false });
    }
    await page.evaluate(() => localStorage.setItem('yichuang.a11y', '{}'));
    assert.deepEqual(found, []);

    // The header knows the citizen on every portal page (asked once, after the first paint).
    await page.goto(`${demo.url}/portal/items`);
    await page.locator('[data-test="portal-account"][data-state="signed-in"]').waitFor();
    await page.locator('[data-test="portal-account"]').click();
    await page.waitForURL(/\/portal\/me$/);

    // 查看进度与评价 opens the case's progress page (the staff app's public page).
    await page.locator(`[data-test="portal-case"][data-case="${opened.case_no}"] [data-test="portal-case-progress"]`).click();
    await page.waitForURL((u) => u.pathname === `/progress/${opened.case_no}`);
    await page.locator('[data-test="progress-result"]').waitFor();
    assert.equal((await page.locator('[data-test="progress-case-no-shown"]').innerText()).trim(), opened.case_no);
    await page.goBack();
    await page.locator('[data-test="portal-logout"]').waitFor();

    // 退出登录: back to the login page, the session gone.
    await page.locator('[data-test="portal-logout"]').click();
    await page.waitForURL(/\/portal\/login\?signed_out=1$/);
    await page.locator('[data-test="portal-signed-out"]').waitFor();
    assert.equal(await page.locator('[data-test="portal-account"]').getAttribute('data-state'), 'anonymous');
    assert.equal((await context.request.get(`${demo.url}/api/citizen/me`)).status(), 401);
    // Signed out, 我的服务 sends to the login page and back here afterwards.
    await page.goto(`${demo.url}/portal/me`);
    await page.waitForURL((u) => u.pathname === '/portal/login' && u.searchParams.get('next') === '/portal/me');
    await page.locator('[data-test="portal-demo-account"]').first().waitFor();
    // That one 401 of GET /api/citizen/me is logged by Chromium; nothing else may be.
    assert.deepEqual(problems.filter((p) => !/401 \(Unauthorized\)/.test(p)), []);
    assert.ok(problems.length <= 1, problems.join('\n'));
    await context.close();
  } finally {
    await demo.stop();
  }
});
