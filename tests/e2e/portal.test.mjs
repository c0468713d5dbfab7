// The public portal (issue 11 item 1) in the browser: a citizen on a phone
// opens /portal, picks a life event, opens a guide, goes to the halls, turns
// on 大字号 and finds it kept after a reload. axe-core finds no serious or
// critical violation on the home, item list, guide and sites pages, in the
// normal and in the large-font mode. Screenshots at phone and desktop size go
// to YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './lib/server.mjs';
import { launch, screenshot, strictPage } from './lib/browser.mjs';

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

// The serious and critical violations on the page as it is now, printed when any.
async function axeProblems(page, label) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) {
    console.log(`axe ${label}: ${v.impact} ${v.id}: ${v.help}`);
    for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`);
  }
  return bad.map((v) => `${label}: ${v.id}`);
}

const PAGES = [
  { name: 'home', path: '/portal', ready: '[data-test="portal-event"]' },
  { name: 'items', path: '/portal/items?event=graduation', ready: '[data-test="portal-item"]' },
  { name: 'guide', path: `/portal/items/${ITEM}`, ready: '[data-test="portal-offer"]' },
  { name: 'sites', path: '/portal/sites', ready: '[data-test="portal-site-queue"]:not(:has-text("正在读取"))' },
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
  assert.match(await hall.locator('[data-test="portal-site-queue"]').innerText(), /今日排队\s*(目前无人等候|\d+ 人等候|现在不是取号时间)/);
  assert.equal(await hall.locator('[data-test="portal-site-disclosure"]').getAttribute('href'), '/sites/1/disclosure');
  assert.equal(await hall.locator('[data-test="portal-site-book"]').getAttribute('href'), '/appointments?site=1');
  const point = page.locator('[data-test="portal-site"][data-site="3"]');
  assert.match(await point.locator('[data-test="portal-site-queue"]').innerText(), /不设排队取号/);
  // Without a position the halls go by district; the street hall before its points.
  const order = await page.locator('[data-test="portal-site"]').evaluateAll((els) => els.map((e) => Number(e.dataset.site)));
  assert.ok(order.indexOf(1) < order.indexOf(3) && order.indexOf(3) < order.indexOf(2), order.join(','));
  await screenshot(page, 'portal-04-phone-sites');
  // 按离我最近排序 shows only where the document may use geolocation (the
  // server's Permissions-Policy); then a shared position orders the sites.
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ longitude: 116.41, latitude: 39.91 });
  const locate = page.locator('[data-test="portal-locate"]');
  if (await locate.count() > 0) {
    await locate.click();
    await page.locator('[data-test="portal-locate-status"]', { hasText: /已按离您的距离排列|尚未标注位置/ }).waitFor();
  } else {
    assert.match(await page.locator('[data-test="portal-locate-status"]').innerText(), /按所在区、街道排列/);
  }

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
