// Issue 12 in the browser: 失业人员档案 (policy annex 一(一) 失业人员档案管理服务)
// and 档案库房 (三(五) 依据档案库房建设标准 … 设置专人管理).
// On a phone (390×844) the street's archive keeper takes in a file, lends it;
// a second tab that still shows the file in store tries to lend it again and
// the dialog shows the server's refusal "该档案已借出，须归还后才能再次借阅" (the
// Done-when rule), and the drawer then shows the file as lent. The keeper
// returns it, lends it again, returns it and transfers it out. On a desktop
// the keeper records a room check with the humidity out of range and sees it
// 异常. A street worker (archive.read only) sees the register and the checks
// but no button that changes them. Screenshots go to YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { dropdownsClosed, field, fitsWidth, launch, screenshot, signedInPage } from './lib/browser.mjs';
import { demoPassword } from './lib/totp.mjs';
import { nthResidentId } from '../api/client.mjs';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 800 };
const REFUSAL = '该档案已借出，须归还后才能再次借阅';

let server;
let browser;
let fileNo = '';

before(async () => {
  server = await startServer({ seed: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The refusal answers 422, which Chromium logs as a failed resource.
const unexpected = (problems) => problems.filter((p) => !/status of 422/.test(p));

async function actionDialog(page, kind) {
  const drawer = page.locator('[data-test="archive-drawer"]');
  await drawer.locator(`[data-test="archive-action-${kind}"]`).click();
  const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="archive-action-submit"]') });
  await dialog.waitFor();
  return dialog;
}

// Closes the toasts of the steps so the screenshot shows the page.
async function toastsGone(page) {
  const messages = page.locator('.el-message');
  for (let i = 0; i < 50 && await messages.count() > 0; i++) {
    await messages.first().locator('.el-message__closeBtn').click({ timeout: 500 }).catch(() => {});
    await page.waitForTimeout(100);
  }
}

async function settled(page) {
  await page.locator('[data-test="archive-action-dialog"]').waitFor({ state: 'detached' });
}

test('issue 12 一(一): the keeper takes in, lends, is refused a second loan, returns, lends again and transfers a file (phone)', async () => {
  const { page, context, problems } = await signedInPage(browser, server.url, 'archivist', demoPassword, PHONE);
  await page.goto(`${server.url}/archives`);
  await page.locator('[data-test="archive-ledger"]').waitFor();
  await page.locator('[data-test="state-empty"]').waitFor();
  await fitsWidth(page, 'empty ledger');
  await screenshot(page, 'archives-01-empty-phone');

  // 接收档案: the person by ID number and name, the place in the archive room.
  await page.locator('[data-test="archive-intake-open"]').click();
  const intake = page.locator('.el-dialog', { has: page.locator('[data-test="archive-intake-submit"]') });
  await intake.waitFor();
  await field(page, 'archive-intake-id').fill(nthResidentId('110101', 9001));
  await field(page, 'archive-intake-name').fill('李秀英');
  await field(page, 'archive-intake-room').fill('1号库房');
  await field(page, 'archive-intake-cabinet').fill('A柜');
  await field(page, 'archive-intake-shelf').fill('3层');
  await field(page, 'archive-intake-box').fill('12盒');
  await page.waitForTimeout(300);  // the dialog's opening animation
  await screenshot(page, 'archives-02-intake-phone');
  await page.locator('[data-test="archive-intake-submit"]').click();
  await intake.waitFor({ state: 'hidden' });

  const drawer = page.locator('[data-test="archive-drawer"]');
  await drawer.locator('[data-test="archive-action-lend"]').waitFor();
  fileNo = (await drawer.locator('.el-drawer__title').innerText()).replace('档案', '').trim();
  assert.match(fileNo, /^DA-110101001-\d{4}-0001$/);
  const facts = await drawer.locator('[data-test="archive-facts"]').innerText();
  assert.match(facts, /李\*\*/);
  assert.ok(!facts.includes('李秀英') && !facts.includes(nthResidentId('110101', 9001)), 'masked in the drawer');
  assert.match(facts, /1号库房 \/ A柜 \/ 3层 \/ 12盒/);
  // The keeper opens the person in full, confirmed and audited.
  await drawer.locator('[data-test="archive-reveal"]').click();
  await page.locator('.el-message-box', { hasText: '记入审计日志' }).waitFor();
  await page.locator('.el-message-box .yc-confirm-ok').click();
  await drawer.getByText('本次查看已记入审计日志').waitFor();
  assert.match(await drawer.locator('[data-test="archive-facts"]').innerText(), /李秀英/);

  // A second tab opens the same file while it is still in store.
  const stale = await context.newPage();
  await stale.goto(`${server.url}/archives`);
  await stale.locator(`[data-test="archive-card"][data-no="${fileNo}"]`).click();
  await stale.locator('[data-test="archive-drawer"] [data-test="archive-action-lend"]').waitFor();

  // 借出 in the first tab.
  let dialog = await actionDialog(page, 'lend');
  await field(page, 'archive-lend-unit').fill('东城区社会保险事业管理中心');
  await field(page, 'archive-lend-name').fill('王借阅');
  await field(page, 'archive-lend-purpose').fill('核定失业保险金');
  await page.waitForTimeout(300);
  await screenshot(page, 'archives-03-lend-phone');
  await dialog.locator('[data-test="archive-action-submit"]').click();
  await settled(page);
  await drawer.locator('[data-test="archive-action-return"]').waitFor();
  assert.equal(await drawer.locator('[data-test="archive-action-lend"]').count(), 0, 'no 借出 while lent');
  assert.match(await drawer.locator('[data-test="archive-loan"]').first().innerText(), /王\*\*.*借出中/s);

  // The stale tab tries to lend it again: the dialog shows the refusal, the drawer catches up.
  dialog = await actionDialog(stale, 'lend');
  await field(stale, 'archive-lend-unit').fill('东城区劳动保障监察队');
  await field(stale, 'archive-lend-purpose').fill('核查用工情况');
  await dialog.locator('[data-test="archive-action-submit"]').click();
  const refusal = dialog.locator('[data-test="archive-action-error"]');
  await refusal.waitFor();
  assert.ok((await refusal.innerText()).trim().startsWith(REFUSAL), await refusal.innerText());
  await stale.locator('[data-test="archive-drawer"] [data-test="archive-action-return"]').waitFor();
  await stale.waitForTimeout(300);
  await fitsWidth(stale, 'refused dialog');
  await screenshot(stale, 'archives-04-lend-again-refused-phone');
  await dialog.getByRole('button', { name: '取消' }).click();
  await stale.locator('[data-test="archive-action-dialog"]').waitFor({ state: 'detached' });
  assert.equal(await stale.locator('[data-test="archive-drawer"] [data-test="archive-loan"]').count(), 1, 'one loan only');
  await stale.close();

  // 归还, 借出 again, 归还.
  dialog = await actionDialog(page, 'return');
  assert.equal(await field(page, 'archive-return-condition').inputValue(), '完好,无缺页');
  await dialog.locator('[data-test="archive-action-submit"]').click();
  await settled(page);
  await drawer.locator('[data-test="archive-action-lend"]').waitFor();
  dialog = await actionDialog(page, 'lend');
  await field(page, 'archive-lend-unit').fill('东城区劳动保障监察队');
  await field(page, 'archive-lend-purpose').fill('核查用工情况');
  await dialog.locator('[data-test="archive-action-submit"]').click();
  await settled(page);
  dialog = await actionDialog(page, 'return');
  await dialog.locator('[data-test="archive-action-submit"]').click();
  await settled(page);

  // 转出, confirmed.
  dialog = await actionDialog(page, 'transfer');
  await field(page, 'archive-transfer-to').fill('朝阳区人才服务中心');
  await field(page, 'archive-transfer-reason').fill('户籍迁出本街道');
  await field(page, 'archive-transfer-receipt').fill('HZ-2026-001');
  await dialog.locator('[data-test="archive-action-submit"]').click();
  await page.locator('.el-message-box', { hasText: '转出后不能再借阅或移库' }).waitFor();
  await page.locator('.el-message-box .yc-confirm-ok').click();
  await settled(page);
  await drawer.locator('.el-tag', { hasText: '已转出' }).first().waitFor();
  assert.equal(await drawer.locator('[data-test="archive-actions"] button').count(), 0, 'nothing more to do once transferred');
  const history = drawer.locator('[data-test="archive-history"] .el-timeline-item');
  await history.nth(5).waitFor();
  const steps = await history.locator('strong').allInnerTexts();
  assert.deepEqual(steps, ['接收入库', '借出', '归还', '借出', '归还', '转出']);
  assert.equal(await drawer.locator('[data-test="archive-loan"]').count(), 2);
  await fitsWidth(page, 'drawer');
  await toastsGone(page);
  await screenshot(page, 'archives-05-transferred-phone');

  await drawer.locator('.el-drawer__close-btn').click();
  const card = page.locator(`[data-test="archive-card"][data-no="${fileNo}"]`);
  await card.locator('.el-tag', { hasText: '已转出' }).waitFor();
  assert.match(await card.innerText(), /转出至 朝阳区人才服务中心/);
  await screenshot(page, 'archives-06-ledger-phone');
  assert.deepEqual(unexpected(problems), []);
});

test('issue 12 三(五): a room check with the humidity out of range is flagged 异常 (desktop)', async () => {
  const { page, problems } = await signedInPage(browser, server.url, 'archivist', demoPassword, DESK);
  await page.goto(`${server.url}/archives/rooms`);
  await page.locator('[data-test="archive-rooms"]').waitFor();
  // The only file went out: no room holds files and none was checked yet.
  await page.locator('[data-test="archive-checks-empty"]').waitFor();
  assert.equal(await page.locator('[data-test="archive-room"]').count(), 0);
  await screenshot(page, 'archives-07-rooms-empty-desktop', { fullPage: false });

  await page.locator('[data-test="archive-check-open"]').click();
  const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="archive-check-submit"]') });
  await dialog.waitFor();
  // A room typed in (no file there yet).
  await page.locator('[data-test="archive-check-room"]').click();
  await page.keyboard.type('2号库房');
  await page.keyboard.press('Enter');
  await dropdownsClosed(page);
  const humidity = field(page, 'archive-check-humidity');
  await humidity.fill('68');
  await humidity.press('Tab');
  await dialog.getByText('标准 45%–60%,超出范围').waitFor();
  await dialog.getByText('标准 14–24 ℃').waitFor();
  await field(page, 'archive-check-temperature').fill('21.5');
  await field(page, 'archive-check-temperature').press('Tab');
  await dialog.locator('textarea').fill('连续阴雨,已开启除湿机');
  await page.waitForTimeout(300);
  await screenshot(page, 'archives-08-check-dialog', { fullPage: false });
  await page.locator('[data-test="archive-check-submit"]').click();
  await dialog.waitFor({ state: 'hidden' });
  await page.locator('.el-message--warning', { hasText: '湿度高于 60%' }).waitFor();

  const check = page.locator('[data-test="archive-check"]').first();
  await check.waitFor();
  assert.equal(await check.getAttribute('data-abnormal'), '1');
  const text = await check.innerText();
  assert.match(text, /异常/);
  assert.match(text, /湿度高于 60%/);
  assert.match(text, /温度 21\.5 ℃ · 相对湿度 68%/);
  const room = page.locator('[data-test="archive-room"][data-room="2号库房"]');
  await room.locator('.el-tag', { hasText: '上次检查异常' }).waitFor();
  assert.match(await room.innerText(), /在管档案 0 卷/);
  await page.locator('[data-test="archive-check-filter-abnormal"]').click();
  await page.locator('[data-test="archive-check"][data-abnormal="1"]').first().waitFor();
  await screenshot(page, 'archives-09-rooms-desktop');
  assert.deepEqual(unexpected(problems), []);
});

test('issue 12 三(五) 专人管理: a street worker reads the register and the checks but has no button that changes them (phone)', async () => {
  const { page, problems } = await signedInPage(browser, server.url, 'jdworker', demoPassword, PHONE);
  await page.goto(`${server.url}/archives`);
  const card = page.locator('[data-test="archive-card"]').first();
  await card.waitFor();
  assert.equal(await page.locator('[data-test="archive-intake-open"]').count(), 0, 'no 接收档案');
  await card.click();
  const drawer = page.locator('[data-test="archive-drawer"]');
  await drawer.locator('[data-test="archive-history"]').waitFor();
  assert.equal(await drawer.locator('[data-test="archive-actions"]').count(), 0, 'no 借出/归还/移库/转出');
  assert.equal(await drawer.locator('[data-test="archive-reveal"]').count(), 0, 'no reveal');
  await fitsWidth(page, 'worker drawer');
  await screenshot(page, 'archives-10-worker-drawer-phone');
  await drawer.locator('.el-drawer__close-btn').click();

  await page.goto(`${server.url}/archives/rooms`);
  await page.locator('[data-test="archive-check"]').first().waitFor();
  assert.equal(await page.locator('[data-test="archive-check-open"]').count(), 0, 'no 记录检查');
  assert.equal(await page.locator('[data-test="archive-room-check"]').count(), 0, 'no 记录检查 on a room');
  await fitsWidth(page, 'worker rooms');
  await screenshot(page, 'archives-11-worker-rooms-phone');
  assert.deepEqual(problems, []);
});
