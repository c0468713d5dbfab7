// The web skeleton in a real browser (issue 3, "Web skeleton"): layout and
// menu, the overview fed by the API, live events arriving over SSE, the
// 适老化 modes, the 404 page and a hard reload on a client route. Signed in
// as the demo window clerk (issue 4 puts every page behind sign-in).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launch, screenshot, signedInPage } from './lib/browser.mjs';

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

async function publish(topic, data) {
  const res = await fetch(`${server.url}/api/events/${topic}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(data),
  });
  assert.equal(res.status, 202);
  return (await res.json()).id;
}

test('overview shows the service status from the API', async () => {
  const { page, context, problems } = await signedInPage(browser, server.url);
  await page.goto(server.url + '/');
  await page.getByText('一窗 · 人力社保基层服务平台').waitFor();
  await page.locator('[data-test="database"]').waitFor();
  assert.equal(await page.locator('[data-test="database"]').innerText(), 'sqlite');
  const health = await (await fetch(`${server.url}/api/health`)).json();
  assert.equal(await page.locator('[data-test="migration"]').innerText(), String(health.migration));
  await page.getByText('运行正常').waitFor();
  await page.getByRole('menuitem', { name: '实时事件' }).waitFor();
  await screenshot(page, 'overview');
  assert.deepEqual(problems, []);
  await context.close();
});

test('live events: menu navigation, a published event appears, reload keeps the route', async () => {
  const { page, context, problems } = await signedInPage(browser, server.url);
  await page.goto(server.url + '/');
  await page.getByRole('menuitem', { name: '实时事件' }).click();
  await page.waitForURL('**/events');
  await page.locator('[data-test="events-empty"]').waitFor();
  await page.getByText('已连接').waitFor();
  await publish('system', { notice: '今日 17:00 后暂停叫号', window: 3 });
  await page.locator('[data-test="events"]').getByText('今日 17:00 后暂停叫号').waitFor();
  await screenshot(page, 'events');
  // A hard reload on a client route is served index.html by the server.
  await page.reload();
  await page.getByText('已连接').waitFor();
  assert.equal(new URL(page.url()).pathname, '/events');
  assert.deepEqual(problems, []);
  await context.close();
});

test('large font and high contrast modes apply and persist', async () => {
  const { page, context, problems } = await signedInPage(browser, server.url);
  await page.goto(server.url + '/');
  await page.locator('[data-test="database"]').waitFor();
  await page.locator('[data-test="large-font"]').click();
  await page.locator('[data-test="high-contrast"]').click();
  const classes = await page.evaluate(() => document.documentElement.className);
  assert.match(classes, /yc-large-font/);
  assert.match(classes, /yc-high-contrast/);
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(size >= 18, `root font size ${size}`);
  await screenshot(page, 'overview-a11y');
  await page.reload();
  await page.locator('[data-test="database"]').waitFor();
  assert.match(await page.evaluate(() => document.documentElement.className), /yc-high-contrast/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an unknown route shows the 404 page', async () => {
  const { page, context, problems } = await signedInPage(browser, server.url);
  await page.goto(server.url + '/no/such/page');
  await page.locator('[data-test="not-found"]').waitFor();
  await screenshot(page, 'not-found');
  await page.getByRole('button', { name: '返回首页' }).click();
  await page.locator('[data-test="database"]').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the overview shows an error with the request id when the API fails', async () => {
  const { page, context } = await signedInPage(browser, server.url);
  await page.route('**/api/health', (route) => route.fulfill({
    status: 503,
    contentType: 'application/json',
    headers: { 'X-Request-Id': 'e2e-503' },
    body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: '服务暂时不可用,请稍后重试', field: '' }, request_id: 'e2e-503' }),
  }));
  await page.goto(server.url + '/');
  await page.locator('[data-test="state-error"]').waitFor();
  assert.match(await page.locator('[data-test="state-error"]').innerText(), /e2e-503/);
  await screenshot(page, 'overview-error');
  await page.unroute('**/api/health');
  await page.getByRole('button', { name: '重试' }).click();
  await page.locator('[data-test="database"]').waitFor();
  await context.close();
});
