// Issue 7 in the browser (policy 三(五)(六)): a paired kiosk takes a ticket,
// the clerk calls it from the workbench's call panel, and the hall screen (in
// another browser context) shows and announces it while the window screen
// shows the clerk (三亮明) and the number. Then the server restarts: the
// screens reconnect by themselves and show the next call. Screenshots go to
// YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launch, pickOption, screenshot, signedInPage, strictPage } from './lib/browser.mjs';
import { demoPassword } from './lib/totp.mjs';

const SITE_NAME = '东华门街道便民服务中心(演示)';
const DEMO_KIOSK = 'yichuang-demo-kiosk-1';

// While the server is down, the screens' requests fail: the browser logs
// those, and that is what the screens must live through.
const notOutage = (p) => !/Failed to load resource|ERR_CONNECTION_REFUSED|net::ERR|503|502/.test(p);

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

async function takeAtKiosk(kiosk) {
  await kiosk.locator('[data-test="kiosk-tile-ticket"]').click();
  await kiosk.locator('[data-test="kiosk-group-employment"]').click();
  const label = kiosk.locator('[data-test="kiosk-ticket-label"]');
  await label.waitFor();
  return (await label.innerText()).trim();
}

test('issue 7: kiosk ticket, call at the window, hall and window screens, voice, restart', async () => {
  // The screens first, as in a hall in the morning.
  const hall = await strictPage(browser, { width: 1920, height: 1080 });
  await hall.page.goto(`${server.url}/screen/hall?site=1`);
  await hall.page.locator('[data-test="hall-screen"][data-phase="ready"]').waitFor();
  await hall.page.locator('[data-test="hall-no-calls"]').waitFor();
  const win = await strictPage(browser, { width: 1280, height: 720 });
  await win.page.goto(`${server.url}/screen/window?window=1`);
  await win.page.locator('[data-test="window-screen"][data-phase="ready"]').waitFor();
  await win.page.locator('[data-test="window-state"]', { hasText: '未开放' }).waitFor();

  // The clerk takes window 1: its screen shows who serves there.
  const clerk = await signedInPage(browser, server.url, 'clerk', demoPassword, { width: 1366, height: 768 });
  await clerk.page.goto(`${server.url}/cases/workbench`);
  await pickOption(clerk.page, 'desk-site', SITE_NAME);
  await pickOption(clerk.page, 'desk-window', '1 号');
  await clerk.page.locator('[data-test="hall-signed-in"]').waitFor();
  await win.page.locator('[data-test="window-clerk-name"]', { hasText: '吴𠮷' }).waitFor();
  assert.equal((await win.page.locator('[data-test="window-clerk-badge"]').innerText()).includes('0101'), true);

  // The kiosk is paired once by its link, then takes a ticket by touch.
  const kiosk = await strictPage(browser, { width: 1080, height: 1600 });
  await kiosk.page.goto(`${server.url}/kiosk/pair#${DEMO_KIOSK}`);
  await kiosk.page.locator('[data-test="kiosk-pair-done"]').waitFor();
  assert.equal(new URL(kiosk.page.url()).hash, '', 'the token leaves the address bar at once');
  await kiosk.page.locator('[data-test="kiosk-pair-start"]').click();
  await kiosk.page.locator('[data-test="kiosk-site-name"]', { hasText: SITE_NAME }).waitFor();
  await screenshot(kiosk.page, 'hall-01-kiosk-start', { fullPage: false });
  const first = await takeAtKiosk(kiosk.page);
  assert.equal(first, 'A001');
  await screenshot(kiosk.page, 'hall-02-kiosk-ticket', { fullPage: false });
  await hall.page.locator('[data-test="hall-waiting"]', { hasText: '1' }).waitFor();

  // 叫号 at the window.
  await clerk.page.locator('[data-test="hall-call"]').click();
  await clerk.page.locator('[data-test="hall-current"]', { hasText: 'A001' }).waitFor();
  await screenshot(clerk.page, 'hall-03-workbench-call-panel', { fullPage: false });

  // The hall screen shows it big and plays the announcement.
  await hall.page.locator('[data-test="hall-hero-call"][data-label="A001"]').waitFor();
  const screen = hall.page.locator('[data-test="hall-screen"]');
  await hall.page.waitForFunction(() => Number(document.querySelector('[data-test="hall-screen"]').dataset.voicePlayed) >= 1);
  assert.match(await screen.getAttribute('data-last-voice-src'), /\/api\/hall\/voice\?label=A001&window=1/);
  await hall.page.locator('[data-test="hall-waiting"]', { hasText: '无人' }).waitFor();
  await screenshot(hall.page, 'hall-04-hall-screen', { fullPage: false });
  // The window screen: the number served now.
  await win.page.locator('[data-test="window-current"]', { hasText: 'A001' }).waitFor();
  await win.page.locator('[data-test="window-state"]', { hasText: '正在办理' }).waitFor();
  await screenshot(win.page, 'hall-05-window-screen', { fullPage: false });

  // The server restarts (same data, same port); nobody touches the screens.
  const { dataDir, port } = server;
  await server.kill('SIGTERM');
  server = await startServer({ dataDir, port, removeDataDir: true });
  await kiosk.page.locator('[data-test="kiosk-result-done"]').click();
  const second = await takeAtKiosk(kiosk.page);
  assert.equal(second, 'A002');
  await clerk.page.locator('[data-test="hall-call"]').click();
  await clerk.page.locator('[data-test="hall-current"]', { hasText: 'A002' }).waitFor();
  await hall.page.locator('[data-test="hall-hero-call"][data-label="A002"]').waitFor({ timeout: 45_000 });
  await hall.page.waitForFunction(() => Number(document.querySelector('[data-test="hall-screen"]').dataset.voicePlayed) >= 2,
    null, { timeout: 15_000 });
  await win.page.locator('[data-test="window-current"]', { hasText: 'A002' }).waitFor({ timeout: 45_000 });
  await screenshot(hall.page, 'hall-06-hall-screen-after-restart', { fullPage: false });

  assert.deepEqual(kiosk.problems.filter(notOutage), []);
  assert.deepEqual(clerk.problems.filter(notOutage), []);
  assert.deepEqual(hall.problems.filter(notOutage), []);
  assert.deepEqual(win.problems.filter(notOutage), []);
});

test('issue 7: the hall manager watches the day in 大厅实况', async () => {
  // A citizen books today's next slot (public API), to be seen in the list.
  const slots = await fetch(`${server.url}/api/hall/sites/1/slots?group=insurance&days=1`).then((r) => r.json());
  const slot = slots.days[0].slots[0];
  // After 23:30 Beijing the next slot is tomorrow's: the list of today stays empty then.
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const bookedToday = slots.days[0].day === today;
  const booked = await fetch(`${server.url}/api/appointments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ site_id: 1, group: 'insurance', slot_start: slot.start, name: '令狐晓雯',
      id_number: '11010519491231002X', phone: '13900002222' }),
  }).then((r) => r.json());
  assert.match(booked.code, /^\d{8}$/);
  const { page, problems } = await signedInPage(browser, server.url, 'hallmgr', demoPassword, { width: 1366, height: 768 });
  await page.goto(server.url + '/');
  await page.getByRole('menuitem', { name: '大厅实况' }).click();
  await page.waitForURL(/\/hall\/live/);
  await pickOption(page, 'hall-site', SITE_NAME);
  const table = page.locator('[data-test="hall-figures-table"]');
  await table.waitFor();
  // Two tickets served (A001 done when A002 was called), A002 at the window.
  await table.locator('.el-table__row', { hasText: '就业服务' }).waitFor();
  assert.match(await page.locator('.yc-stat').allInnerTexts().then((t) => t.join(' ')), /1/);
  await page.locator('[data-test="hall-wait-chart"]').waitFor();
  await screenshot(page, 'hall-07-live-figures', { fullPage: false });
  // The day's bookings, masked.
  await page.getByRole('tab', { name: '预约' }).click();
  if (bookedToday) {
    const bookings = page.locator('[data-test="hall-appointments-table"]');
    await bookings.locator('.el-table__row', { hasText: booked.code }).waitFor();
    const row = await bookings.innerText();
    assert.ok(row.includes('令***') && !row.includes('令狐晓雯') && !row.includes('19491231'), row);
    await screenshot(page, 'hall-08-live-bookings', { fullPage: false });
  }
  assert.deepEqual(problems, []);
});
