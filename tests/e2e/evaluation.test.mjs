// Issue 10, item 1 in the browser (policy 四(三), docs/api/evaluation.md): the
// hall manager registers the window's evaluation pad (评价器) on the devices
// tab and it is paired by its link; the clerk serves a kiosk ticket at
// window 1 and the pad offers it: 不满意, a reason, a call-back phone on the
// number pad, submit, thank you. The hall manager finds the rectification
// (整改任务), cannot close it before the call-back, records one and closes
// it. Then a citizen rates the 办结 of a finished case on the progress page.
// 申诉复核: the hall manager appeals a bad rating from 整改任务, the district
// administrator upholds it under 申诉复核, and the citizen sees the result.
// Screenshots go to YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { field, launch, screenshot, signInWithTotp, signedInPage, strictPage } from './lib/browser.mjs';
import { demoPassword } from './lib/totp.mjs';
import { finishedCase, nthResidentId, signIn } from '../api/client.mjs';

const SITE = 1;
const DEMO_KIOSK = 'yichuang-demo-kiosk-1';
const VIEW = { width: 1366, height: 800 };

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

// The refusal of the early close answers 422, which Chromium logs.
const unexpected = (p) => !/status of 422/.test(p);

test('issue 10: the window pad rates a served ticket; the rectification is called back and closed', async () => {
  const mgr = await signedInPage(browser, server.url, 'hallmgr', demoPassword, VIEW);
  const { page } = mgr;
  await page.goto(`${server.url}/hall/manage?tab=devices`);
  await page.locator('[data-test="hall-devices-table"]').waitFor();
  await page.locator('[data-test="hall-device-add"]').click();
  const dialog = page.locator('[data-test="hall-device-dialog"]');
  await dialog.locator('[data-test="hall-device-kind-pad"]').click();
  await field(dialog, 'hall-device-name').fill('1 号窗口评价器');
  await page.locator('[data-test="hall-device-window"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: /^\s*1\s*号/ }).first().click();
  await dialog.locator('[data-test="hall-device-submit"]').click();
  const pairing = page.locator('[data-test="hall-pairing-dialog"]');
  const link = (await pairing.locator('[data-test="hall-pairing-link"]').innerText()).trim();
  const token = (await pairing.locator('[data-test="hall-pairing-token"]').innerText()).trim();
  assert.equal(link, `${server.url}/pad/pair#${token}`);
  await pairing.locator('[data-test="hall-pairing-done"]').click();
  const row = page.locator('.el-table__row', { hasText: '1 号窗口评价器' });
  await row.waitFor();
  assert.match(await row.innerText(), /窗口评价器/);
  assert.match(await row.locator('[data-test="hall-device-window-text"]').innerText(), /1 号窗口/);

  // The pad: paired by its link, then idle at its window.
  const pad = await strictPage(browser, { width: 1280, height: 800 });
  await pad.page.goto(link);
  await pad.page.locator('[data-test="pad-pair-done"]').waitFor();
  assert.equal(new URL(pad.page.url()).hash, '', 'the token leaves the address bar at once');
  assert.match(await pad.page.locator('[data-test="pad-pair-place"]').innerText(), /1 号窗口/);
  await pad.page.locator('[data-test="pad-pair-start"]').click();
  await pad.page.locator('[data-test="pad-idle"]').waitFor();
  assert.match(await pad.page.locator('[data-test="pad-idle"]').innerText(), /服务结束后请对本次服务进行评价/);
  assert.match(await pad.page.locator('[data-test="pad-window"]').innerText(), /1 号窗口/);
  await screenshot(pad.page, 'evaluation-01-pad-idle', { fullPage: false });

  // The clerk serves a kiosk ticket at window 1.
  const clerk = await signIn(server.url, 'clerk');
  const windowId = (await clerk.get(`/api/hall/sites/${SITE}/windows`)).body.items.find((w) => w.number === 1).id;
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/sign-in`)).status, 200);
  const taken = await fetch(`${server.url}/api/kiosk/tickets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Device ${DEMO_KIOSK}` },
    body: JSON.stringify({ group: 'employment' }),
  }).then((r) => r.json());
  const label = taken.ticket.label;
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/call`)).status, 200);
  assert.equal((await clerk.post(`/api/hall/windows/${windowId}/finish`)).status, 200);

  // The pad offers it within its 3 s poll: 不满意, a reason, a phone, submit.
  await pad.page.locator('[data-test="pad-ticket-label"]', { hasText: label }).waitFor({ timeout: 10000 });
  assert.match(await pad.page.locator('[data-test="pad-clerk"]').innerText(), /工号 0101/);
  await screenshot(pad.page, 'evaluation-02-pad-levels', { fullPage: false });
  await pad.page.setViewportSize({ width: 800, height: 1280 });
  await screenshot(pad.page, 'evaluation-02b-pad-levels-portrait', { fullPage: false });
  await pad.page.setViewportSize({ width: 1280, height: 800 });
  await pad.page.getByRole('radio', { name: /^不满意/ }).click();
  const submit = pad.page.locator('[data-test="pad-submit"]');
  assert.equal(await submit.isDisabled(), true, 'a bad rating needs a reason');
  await pad.page.locator('[data-test="rating-reason-waiting_long"]').click();
  for (const d of '13911112222') await pad.page.locator(`[data-test="pad-key-${d}"]`).click();
  assert.match(await pad.page.locator('[data-test="pad-phone-value"]').innerText(), /139 1111 2222/);
  await screenshot(pad.page, 'evaluation-03-pad-rating', { fullPage: false });
  await pad.page.setViewportSize({ width: 800, height: 1280 });
  await screenshot(pad.page, 'evaluation-03b-pad-rating-portrait', { fullPage: false });
  await pad.page.setViewportSize({ width: 1280, height: 800 });
  await submit.click();
  await pad.page.locator('[data-test="pad-thanks"]').waitFor();
  await screenshot(pad.page, 'evaluation-04-pad-thanks', { fullPage: false });
  await pad.page.locator('[data-test="pad-idle"]').waitFor({ timeout: 12000 });

  // 好差评 lists it; its link opens the rectification in 整改任务.
  await page.goto(`${server.url}/evaluation`);
  const rated = page.locator('[data-test="evaluation-table"] .el-table__row', { hasText: '不满意' }).first();
  await rated.waitFor();
  assert.match(await rated.innerText(), /等候时间太长/);
  assert.match(await page.locator('[data-test="evaluation-total"]').innerText(), /[1-9]/);
  await screenshot(page, 'evaluation-05-list', { fullPage: false });
  await page.goto(`${server.url}/evaluation/rectifications`);
  const task = page.locator('[data-test="rectification-table"] .el-table__row').first();
  await task.waitFor();
  await task.locator('[data-test="rectification-open"]').click();
  const drawer = page.locator('[data-test="rectification-drawer"]');
  await drawer.locator('[data-test="rectification-contact"]', { hasText: '139****2222' }).waitFor();
  await drawer.locator('[data-test="rectification-reveal"]').click();
  await drawer.locator('[data-test="rectification-contact"]', { hasText: '13911112222' }).waitFor();

  // Closing before the call-back is refused with the server's words.
  await field(drawer, 'rectification-result-input').fill('高峰时段增开 2 号窗口');
  await drawer.locator('[data-test="rectification-close"]').click();
  await drawer.locator('[data-test="rectification-close-callback"]').waitFor();
  await field(drawer, 'rectification-note').fill('已致电说明情况并致歉');
  await drawer.locator('[data-test="rectification-callback-save"]').click();
  await drawer.locator('[data-test="rectification-callback-done"]', { hasText: '已联系上' }).waitFor();
  await page.waitForTimeout(300);
  await screenshot(page, 'evaluation-06-rectification-drawer', { fullPage: false });
  await drawer.locator('[data-test="rectification-close"]').click();
  await drawer.locator('[data-test="rectification-result"]', { hasText: '高峰时段增开 2 号窗口' }).waitFor();
  await page.locator('.el-drawer__close-btn').click();
  await page.locator('[data-test="rectification-tabs"] .el-tabs__item', { hasText: '已办结' }).click();
  await page.locator('[data-test="rectification-table"] .el-table__row').first().waitFor();

  assert.deepEqual(mgr.problems.filter(unexpected), []);
  assert.deepEqual(pad.problems, []);
});

test('issue 10: a citizen rates the 办结 of a finished case on the progress page', async () => {
  const n = 93;
  const clerk = await signIn(server.url, 'clerk');
  const done = await finishedCase(clerk, n);
  const { page, problems } = await strictPage(browser, VIEW);
  await page.goto(`${server.url}/progress/${done.case_no}`);
  await field(page, 'progress-id-number').fill(nthResidentId('110101', n));
  await page.locator('[data-test="progress-submit"]').click();
  const section = page.locator('[data-test="progress-rating"]');
  await section.locator('[data-test="progress-rating-stage-completed"]').click();
  await section.getByRole('radio', { name: /^满意/ }).click();
  await section.locator('[data-test="rating-reason-efficient"]').click();
  await field(section, 'progress-rating-comment').fill('办理很快,谢谢');
  await screenshot(page, 'evaluation-07-progress-form', { fullPage: true });
  await section.locator('[data-test="progress-rating-submit"]').click();
  await section.locator('[data-test="progress-rating-done"]').waitFor();
  const mine = section.locator('[data-test="case-rating"][data-stage="completed"]');
  await mine.waitFor();
  assert.match(await mine.innerText(), /满意/);
  assert.match(await mine.innerText(), /网上/);
  // 办结 is rated on the web now: only 受理 is left to rate there.
  assert.equal(await section.locator('[data-test="progress-rating-stage-completed"]').count(), 0);
  await screenshot(page, 'evaluation-08-progress-rated', { fullPage: true });
  assert.deepEqual(problems, []);

  // The kiosk rates 受理 by touch, with its device token (channel 自助终端).
  const kiosk = await strictPage(browser, { width: 1080, height: 1600 });
  await kiosk.page.goto(`${server.url}/kiosk/pair#${DEMO_KIOSK}`);
  await kiosk.page.locator('[data-test="kiosk-pair-done"]').waitFor();
  await kiosk.page.goto(`${server.url}/kiosk/progress`);
  for (const d of `${done.case_no.replace('-', '')}${nthResidentId('110101', n)}`) {
    await kiosk.page.locator(`[data-test="kiosk-pad-${d}"]`).click();
  }
  await kiosk.page.locator('[data-test="kiosk-progress-submit"]').click();
  const rating = kiosk.page.locator('[data-test="kiosk-rating"]');
  await rating.locator('[data-test="kiosk-rating-stage-accepted"]').click();
  await rating.getByRole('radio', { name: /^非常满意/ }).click();
  await rating.locator('[data-test="rating-reason-efficient"]').click();
  await rating.locator('[data-test="kiosk-rating-submit"]').click();
  await rating.locator('[data-test="kiosk-rating-done"]').waitFor();
  await rating.locator('[data-test="case-rating"][data-stage="accepted"]', { hasText: '自助终端' }).waitFor();
  await rating.scrollIntoViewIfNeeded();
  await screenshot(kiosk.page, 'evaluation-09-kiosk-rated', { fullPage: false });
  assert.deepEqual(kiosk.problems, []);
});

test('四(三) 申诉复核: the hall manager appeals a bad rating; the district administrator upholds it', async () => {
  const n = 95;
  const clerk = await signIn(server.url, 'clerk');
  const done = await finishedCase(clerk, n);
  const id_number = nthResidentId('110101', n);
  const rated = await fetch(`${server.url}/api/progress/${done.case_no}/evaluations`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id_number, stage: 'completed', level: 1, reasons: ['attitude_bad'], comment: '随便点的', channel: 'web' }),
  }).then((r) => r.json());
  const rect = rated.rectification_id;
  assert.ok(rect, JSON.stringify(rated));

  const mgr = await signedInPage(browser, server.url, 'hallmgr', demoPassword, VIEW);
  const { page } = mgr;
  await page.goto(`${server.url}/evaluation/rectifications?id=${rect}`);
  const drawer = page.locator('[data-test="rectification-drawer"]');
  await drawer.locator('[data-test="rectification-appeal-open"]').click();
  const dialog = page.locator('[data-test="appeal-dialog"]');
  await dialog.locator('[data-test="appeal-explanation"]').waitFor();
  // Without a reason the form says so on the field; nothing is sent.
  await dialog.locator('[data-test="appeal-submit"]').click();
  await dialog.locator('.el-form-item__error', { hasText: '请选择申诉理由' }).waitFor();
  await dialog.locator('[data-test="appeal-reason-malicious"]').click();
  await field(dialog, 'appeal-explanation').fill('评价人留言“随便点的”,当日办件已按时办结,属恶意差评');
  await page.waitForTimeout(300);
  await screenshot(page, 'evaluation-10-appeal-dialog', { fullPage: false });
  await dialog.locator('[data-test="appeal-submit"]').click();
  await drawer.locator('[data-test="rectification-appeal-state"]', { hasText: '复核中' }).waitFor();
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForTimeout(300);
  await screenshot(page, 'evaluation-11-appeal-pending', { fullPage: false });

  const dc = await strictPage(browser, VIEW);
  await signInWithTotp(dc.page, server.url, 'dcadmin', '/');
  await dc.page.locator('.yc-menu .el-menu-item', { hasText: '申诉复核' }).click();
  const row = dc.page.locator('[data-test="appeal-table"] .el-table__row', { hasText: '恶意差评' }).first();
  await row.waitFor();
  assert.match(await row.innerText(), /复核中/);
  await dc.page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(dc.page, 'evaluation-12-appeals-list', { fullPage: false });
  await row.locator('[data-test="appeal-open"]').click();
  const review = dc.page.locator('[data-test="appeal-drawer"]');
  await review.locator('[data-test="appeal-explanation-text"]', { hasText: '属恶意差评' }).waitFor();
  assert.match(await review.locator('[data-test="appeal-evaluation"]').innerText(), /随便点的/, 'the reviewer reads the comment');
  await review.locator('[data-test="appeal-decision-uphold"]').click();
  await field(review, 'appeal-note').fill('经核实,评价人留言表明系随意评价,申诉成立');
  await review.locator('[data-test="appeal-review-submit"]').click();
  await review.locator('[data-test="appeal-state"]', { hasText: '申诉成立' }).waitFor();
  await dc.page.waitForFunction(() => document.querySelectorAll('.el-message').length === 0, null, { timeout: 10000 });
  await screenshot(dc.page, 'evaluation-13-appeal-upheld', { fullPage: false });
  // The rating stays listed, marked 不计入.
  await dc.page.goto(`${server.url}/evaluation`);
  await dc.page.locator('[data-test="evaluation-excluded"]').first().waitFor();

  // The hall manager's task is closed as 申诉成立; the citizen sees the result.
  await page.reload();
  await drawer.locator('[data-test="rectification-appeal-state"]', { hasText: '申诉成立' }).waitFor();
  const citizen = await strictPage(browser, VIEW);
  await citizen.page.goto(`${server.url}/progress/${done.case_no}`);
  await field(citizen.page, 'progress-id-number').fill(id_number);
  await citizen.page.locator('[data-test="progress-submit"]').click();
  const note = citizen.page.locator('[data-test="case-rating-rectification"]', { hasText: '申诉成立' });
  await note.waitFor();
  await note.scrollIntoViewIfNeeded();
  await screenshot(citizen.page, 'evaluation-14-citizen-appeal-result', { fullPage: false });
  assert.ok(!(await citizen.page.locator('body').innerText()).includes('恶意'), 'the unit\'s reasons stay inside');

  assert.deepEqual(mgr.problems, []);
  assert.deepEqual(dc.problems.filter((p) => !/401 \(Unauthorized\)/.test(p)), []);
  assert.deepEqual(citizen.problems, []);
});
