// 四公开 in the browser (policy 三(八); docs/api/stats.md "四公开"): with a clerk
// signed in at window 1 and one case decided, a citizen on a phone opens the
// hall's public page and finds the hall, an item's steps once it is opened
// (by keyboard), this month's results and the clerk on duty at window 1
// (三亮明). Screenshots at phone and desktop size and with 大字号 on go to
// YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launch, screenshot, strictPage } from './lib/browser.mjs';
import { finishedCase, signIn } from '../api/client.mjs';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 900 };
const SITE = 1;

let server;
let browser;

before(async () => {
  server = await startServer({ seed: true });
  browser = await launch();
  const clerk = await signIn(server.url, 'clerk');
  const windowId = (await clerk.get(`/api/hall/sites/${SITE}/windows`)).body.items.find((w) => w.number === 1).id;
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/sign-in`)).status, 200);
  await finishedCase(clerk, 64);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(size) {
  const opened = await strictPage(browser, size);
  await opened.page.goto(`${server.url}/sites/${SITE}/disclosure`);
  await opened.page.locator('[data-test="dc-site-name"]').waitFor();
  return opened;
}

test('a citizen on a phone sees the hall, an item\'s steps, the results and who is at window 1', async () => {
  const { page, context, problems } = await openPage(PHONE);
  const doc = await (await fetch(`${server.url}/api/public/sites/${SITE}/disclosure`)).json();
  assert.equal((await page.locator('[data-test="dc-site-name"]').innerText()).trim(), doc.site.name);
  for (const h of ['办事程序与时限', '办事依据', '办事结果', '今日在岗']) {
    assert.equal(await page.getByRole('heading', { level: 2, name: h }).count(), 1, h);
  }
  await screenshot(page, 'disclosure-01-phone');

  // Search, then open the item from the keyboard.
  await page.locator('input[data-test="dc-search"]').fill('失业登记');
  const item = page.locator('[data-test="dc-item"][data-code="BJ-JYCY-001"]');
  const toggle = item.locator('[data-test="dc-item-toggle"]');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const expected = doc.items.find((i) => i.code === 'BJ-JYCY-001').process;
  assert.deepEqual(await item.locator('[data-test="dc-step"]').allInnerTexts(), expected);
  assert.match(await item.locator('[data-test="dc-limit"]').innerText(), /即办件|承诺 \d+ 个工作日/);
  assert.equal(await item.locator('[data-test="dc-item-bases"] li').count(),
    doc.items.find((i) => i.code === 'BJ-JYCY-001').legal_basis.length, '办事依据 in the opened item');
  assert.equal(await item.locator('[data-test="dc-guide-link"]').getAttribute('href'), '/guides/BJ-JYCY-001');
  await item.scrollIntoViewIfNeeded();
  await screenshot(page, 'disclosure-02-phone-item', { fullPage: false });
  await page.locator('input[data-test="dc-search"]').fill('');

  // 办事结果: the case decided this month.
  const accepted = page.locator('[data-test="dc-result-accepted"] [data-test="dc-month"]');
  assert.equal((await accepted.innerText()).trim(), String(doc.results.month.accepted));
  assert.ok(doc.results.month.accepted >= 1);
  assert.match(await page.locator('[data-test="dc-result-on_time"] [data-test="dc-month"]').innerText(), /^(\d+\.\d%|—)$/);

  // 三亮明: window 1 with the clerk's name.
  const one = page.locator('[data-test="dc-window"][data-number="1"]');
  assert.equal((await one.locator('[data-test="dc-clerk-name"]').innerText()).trim(), '吴𠮷');
  await one.scrollIntoViewIfNeeded();
  await screenshot(page, 'disclosure-03-phone-duty', { fullPage: false });

  // 大字号 from the layout's switch.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('[data-test="large-font"]').click();
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('yc-large-font')));
  await screenshot(page, 'disclosure-04-phone-large-font');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the desktop page, and an unknown site says so', async () => {
  const { page, context, problems } = await openPage(DESK);
  await page.locator('[data-test="dc-item-toggle"]').first().click();
  await screenshot(page, 'disclosure-05-desktop');
  await page.goto(`${server.url}/sites/999999/disclosure`);
  await page.locator('[data-test="state-error"]').waitFor();
  assert.match(await page.locator('[data-test="state-error"]').innerText(), /服务场所不存在/);
  // The 404 answer is logged by Chromium; nothing else may be.
  assert.deepEqual(problems.filter((p) => !/404 \(Not Found\)/.test(p)), []);
  await context.close();
});
