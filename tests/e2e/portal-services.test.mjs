// My services on the portal (issue 11, item 4; policy 三(六) 让群众少跑腿):
// a signed-in citizen books an appointment from the halls page, changes and
// cancels it in 我的服务, takes a ticket remotely (网上取号) at a hall that
// allows it, and files a complaint that 我的投诉 then lists; axe finds no serious or critical problem on the booking page in
// normal and large-font mode (item 6). Phone size, Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launch, screenshot, axeProblems } from './lib/browser.mjs';
import { signIn } from '../api/client.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ seed: true, env: { YICHUANG_CITIZEN_DEMO_ACCOUNTS: 'true' } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a citizen books, changes and cancels an appointment and takes a ticket online', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(`${server.url}/portal/login`);
  await page.locator('[data-test=portal-demo-account][data-account=zhangmin]').click();
  await page.waitForURL(/\/portal\/me/);

  // 服务大厅 → 预约 at the demo hall.
  await page.goto(`${server.url}/portal/sites`);
  const hall = page.locator('[data-test="portal-site"][data-site="1"]');
  await hall.locator('[data-test=portal-site-book]').click();
  await page.waitForURL(/\/portal\/book\?site=1/);
  await page.locator('[data-test=portal-book-group][data-group=employment]').check();
  const open = page.locator('[data-test=portal-slot][data-state=open]');
  await open.first().waitFor();
  const first = await open.first().getAttribute('data-start');
  await open.first().check();
  assert.deepEqual(await axeProblems(page, 'book'), []);
  await page.locator('[data-test=portal-large-font]').click();
  assert.deepEqual(await axeProblems(page, 'book, large font'), []);
  await screenshot(page, 'portal-services-01-book-large');
  await page.locator('[data-test=portal-large-font]').click();
  await page.locator('[data-test=portal-book-submit]').click();
  const done = page.locator('[data-test=portal-book-done]');
  await done.waitFor();
  const code = await done.getAttribute('data-code');
  assert.match(code, /^\d{8}$/);
  await screenshot(page, 'portal-services-02-booked');

  // 我的服务: change to another slot, then cancel.
  await page.locator('[data-test=portal-book-me]').click();
  const mine = page.locator(`[data-test=portal-appointment][data-code="${code}"]`);
  await mine.waitFor();
  await mine.locator('[data-test=portal-appointment-change]').click();
  const panel = mine.locator('[data-test=portal-appointment-change-panel]');
  const other = panel.locator(`[data-test=portal-slot][data-state=open]:not([data-start="${first}"])`).first();
  await other.waitFor();
  const second = await other.getAttribute('data-start');
  await other.check();
  await panel.locator('[data-test=portal-appointment-change-submit]').click();
  await page.locator('[data-test=portal-appointments-done]').waitFor();
  const booked = await page.evaluate(async () => (await fetch('/api/citizen/appointments')).json());
  assert.equal(String(booked.items.find((a) => a.code === code).slot_start), second);
  await screenshot(page, 'portal-services-03-changed');
  await mine.locator('[data-test=portal-appointment-cancel]').click();
  await mine.locator('[data-test=portal-appointment-cancel-confirm]').click();
  await page.locator(`[data-test=portal-appointment-past][data-code="${code}"]`).waitFor({ state: 'attached' });
  const after = await page.evaluate(async () => (await fetch('/api/citizen/appointments')).json());
  assert.equal(after.items.find((a) => a.code === code).state, 'cancelled');

  // 网上取号 at the demo hall (it allows remote tickets round the clock), once
  // a clerk is at a window serving the group.
  const clerk = await signIn(server.url, 'clerk');
  const windowId = (await clerk.get('/api/hall/sites/1/windows')).body.items.find((w) => w.number === 1).id;
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/sign-in`)).status, 200);
  await page.goto(`${server.url}/portal/sites`);
  await hall.locator('[data-test=portal-site-ticket]').click();
  const ticket = page.locator('[data-test="portal-ticket-panel"][data-site="1"]');
  await ticket.locator('[data-test=portal-ticket-group][data-group=employment]').check();
  await ticket.locator('[data-test=portal-ticket-phone]').fill('13900004444');
  await ticket.locator('[data-test=portal-ticket-take]').click();
  const label = ticket.locator('[data-test=portal-ticket-label]');
  await label.waitFor();
  assert.match(await label.innerText(), /^A\d{3}$/);
  await screenshot(page, 'portal-services-04-ticket');

  // 投诉: filed under the account's name, listed in 我的服务.
  await page.goto(`${server.url}/portal/complaints/new?site=1`);
  await page.locator('[data-test=portal-complaint-category][data-category=efficiency]').check();
  await page.fill('[data-test=portal-complaint-content]', '预约时段到了仍排队半小时,窗口说预约号不优先');
  await page.locator('[data-test=portal-complaint-submit]').click();
  const filed = page.locator('[data-test=portal-complaint-done]');
  await filed.waitFor();
  const no = await filed.getAttribute('data-no');
  assert.match(no, /^TS\d{8}-\d{4}$/);
  await filed.locator('[data-test=portal-complaint-me]').click();
  await page.locator(`[data-test=portal-complaint-item][data-no="${no}"]`).waitFor();
  assert.deepEqual(await axeProblems(page, 'me with complaints'), []);
  await screenshot(page, 'portal-services-05-complaints');
  assert.deepEqual(errors, []);
  await context.close();
});
