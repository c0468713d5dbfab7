// Issue 5 in the browser: on a phone a citizen finds an item and opens its
// guide in large-font mode; an editor changes an item, a second person
// approves and publishes, and the public guide shows the change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { field, launch, screenshot, strictPage } from './lib/browser.mjs';
import { demoPassword, demoTotpSecret, totp } from './lib/totp.mjs';

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

const expected401 = (p) => !/401 \(Unauthorized\)/.test(p);

test('a citizen on a phone finds 失业登记 and reads its guide in large font', async () => {
  const { page, context, problems } = await strictPage(browser, { width: 390, height: 844 });
  await page.goto(server.url + '/guides');
  await page.locator('[data-test="large-font"]').click();
  await field(page, 'guides-q').fill('失业');
  await page.locator('[data-test="guides-search"]').click();
  const card = page.locator('[data-test="guide-card"]', { hasText: '失业登记' }).first();
  await card.waitFor();
  await screenshot(page, 'catalog-01-phone-search');
  // Life events narrow the list too.
  await page.locator('[data-test="guides-event-retirement"]').click();
  await page.waitForURL(/event=retirement/);
  await page.locator('[data-test="guides-event-retirement"]').click();
  await card.click();
  await page.locator('[data-test="guide-title"]').waitFor();
  assert.match(await page.locator('[data-test="guide-title"]').innerText(), /失业登记/);
  const text = await page.locator('main, body').first().innerText();
  for (const label of ['事项名称', '事项类型', '设定依据', '行使层级', '服务对象', '办结时限', '受理条件',
    '申请材料', '办理流程', '办理结果', '收费标准', '实施主体']) assert.ok(text.includes(label), label);
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('yc-large-font')));
  // Nothing wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
  await screenshot(page, 'catalog-02-phone-guide');
  assert.deepEqual(problems, []);
  await context.close();
});

async function signIn(login) {
  const opened = await strictPage(browser);
  const { page } = opened;
  await page.goto(server.url + '/login');
  await field(page, 'login-name').fill(login);
  await field(page, 'login-password').fill(demoPassword);
  await page.locator('[data-test="login-submit"]').click();
  await field(page, 'totp-code').fill(totp(demoTotpSecret));
  await page.locator('[data-test="totp-submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return opened;
}

test('an editor changes an item; a second person approves and publishes it', async () => {
  const code = (await (await fetch(`${server.url}/api/catalog/items?q=sydj`)).json()).items[0].code;
  const editor = await signIn('cityadmin');
  await editor.page.goto(`${server.url}/catalog/items/${code}`);
  await editor.page.locator('[data-test="version-new-draft"]').click();
  await field(editor.page, 'editor-summary').waitFor();
  await field(editor.page, 'editor-summary').fill('失业后到街道办理登记,享受免费就业服务(新版)');
  await editor.page.locator('[data-test="editor-save"]').click();
  await editor.page.waitForTimeout(300);
  await editor.page.locator('[data-test="editor-submit"]').click();
  await editor.page.locator('[data-test="version-status"]', { hasText: '待审核' }).first().waitFor();
  await screenshot(editor.page, 'catalog-03-submitted');
  // The editor cannot approve their own change.
  await editor.page.locator('[data-test="review-approve"]').click();
  await editor.page.locator('[data-test="approve-submit"]').click();
  await editor.page.locator('[data-test="approve-error"]').waitFor();
  assert.match(await editor.page.locator('[data-test="approve-error"]').innerText(), /另一人/);
  assert.deepEqual(editor.problems.filter(expected401).filter((p) => !/403/.test(p)), []);
  await editor.context.close();

  const reviewer = await signIn('cityadmin2');
  await reviewer.page.goto(`${server.url}/catalog/items/${code}`);
  await reviewer.page.locator('[data-test="review-approve"]').click();
  await field(reviewer.page, 'approve-note').fill('同意发布');
  await reviewer.page.locator('[data-test="approve-submit"]').click();
  await reviewer.page.locator('[data-test="version-status"]', { hasText: '已发布' }).first().waitFor();
  await screenshot(reviewer.page, 'catalog-04-published');
  assert.deepEqual(reviewer.problems.filter(expected401), []);
  await reviewer.context.close();

  // The public guide shows the new version (the public answer cache is cleared by the write).
  const guide = await (await fetch(`${server.url}/api/catalog/items/${code}`)).json();
  assert.equal(guide.version.number, 2);
  assert.match(guide.summary, /新版/);
});
