// One guide on every channel (issue 5, item 6) and the working-day calendar
// (policy 三(八)): the kiosk found by pinyin initials, the hall screen, the
// printable checklist, and the 工作日历 page computing a due date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launch, strictPage, screenshot, signedInPage } from './lib/browser.mjs';

let server;
let browser;
let code;
before(async () => {
  server = await startServer({ seed: true });
  browser = await launch();
  code = (await (await fetch(`${server.url}/api/catalog/items?q=sydj`)).json()).items[0].code;
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('kiosk: tapping S Y D J finds 失业登记; its page offers the material checklist', async () => {
  const { page, context, problems } = await strictPage(browser, { width: 1080, height: 1920 });
  await page.goto(server.url + '/kiosk/guides');
  for (const letter of ['S', 'Y', 'D', 'J']) await page.locator(`[data-test="kiosk-key-${letter}"]`).click();
  // The search runs shortly after the last tap.
  await page.waitForFunction(() => document.querySelectorAll('[data-test="kiosk-result"]').length === 1);
  assert.match(await page.locator('[data-test="kiosk-result"]').innerText(), /失业登记/);
  await screenshot(page, 'channels-01-kiosk');
  await page.locator('[data-test="kiosk-result"]').first().click();
  await page.locator('[data-test="kiosk-item-title"]').waitFor();
  assert.ok(await page.locator('[data-test="kiosk-material"]').count() > 0);
  await page.locator('[data-test="kiosk-print-checklist"]').waitFor();
  await screenshot(page, 'channels-02-kiosk-item');
  assert.deepEqual(problems, []);
  await context.close();
});

test('hall screen: the items of a hall, one per slide, with the clock and hotline', async () => {
  const offers = (await (await fetch(`${server.url}/api/catalog/items/${code}/offers`)).json()).items;
  const site = offers.find((o) => o.site_id)?.site_id;
  assert.ok(site, 'the demo hall offers 失业登记');
  const { page, context, problems } = await strictPage(browser, { width: 1920, height: 1080 });
  await page.goto(`${server.url}/screen/guides?site=${site}`);
  await page.locator('[data-test="screen-slide"]').waitFor();
  assert.ok((await page.locator('[data-test="screen-name"]').innerText()).length > 0);
  assert.match(await page.locator('[data-test="screen-hotline"]').innerText(), /12333/);
  await screenshot(page, 'channels-03-screen');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the printable checklist lists every material of the guide', async () => {
  const guide = await (await fetch(`${server.url}/api/catalog/items/${code}`)).json();
  const { page, context, problems } = await strictPage(browser);
  await page.goto(`${server.url}/guides/${code}/checklist`);
  await page.locator('[data-test="checklist-title"]').waitFor();
  assert.equal(await page.locator('[data-test="checklist-item"]').count(), guide.document.materials.length);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('[data-test="checklist-print"]').isVisible(), false);
  await screenshot(page, 'channels-04-checklist-print');
  assert.deepEqual(problems, []);
  await context.close();
});

test('工作日历: 2025 is maintained, and 5 working days from 2025-01-24 fall on 2025-02-07', async () => {
  const { page, context, problems } = await signedInPage(browser, server.url, 'clerk');
  await page.goto(server.url + '/admin/calendar');
  await page.locator('[data-test="calendar-year"]').waitFor();
  while ((await page.locator('[data-test="calendar-year"]').innerText()).trim() !== '2025 年')
    await page.locator('[data-test="calendar-prev"]').click();
  await page.locator('[data-test="calendar-table"] .el-table__row').first().waitFor();
  assert.equal(await page.locator('[data-test="calendar-table"] .el-table__row').count(), 23);
  assert.equal(await page.locator('[data-test="calendar-unmaintained"]').count(), 0);
  assert.equal(await page.locator('[data-test="calendar-add"]').count(), 0);  // a clerk reads, cannot edit
  const from = page.locator('[data-test="due-from"] input, input[data-test="due-from"]').first();
  await from.fill('2025-01-24');
  await from.press('Enter');
  await page.locator('[data-test="due-days"] input').fill('5');
  await page.locator('[data-test="due-compute"]').click();
  await page.locator('[data-test="due-result"]').waitFor();
  assert.match(await page.locator('[data-test="due-result"]').innerText(), /2025-02-07/);
  await screenshot(page, 'channels-05-calendar');
  assert.deepEqual(problems, []);
  await context.close();
});
