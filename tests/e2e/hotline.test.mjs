// Issue 11, item 5 in the browser: the consultation line. The clerk opens
// 电话咨询, finds the answer to a caller's question in the guides, quotes it
// into the answer, records the call with the caller's number, and sees it in
// 今日来电 with the number masked; the API confirms the telephone channel.
// Screenshots (1366×768) go to YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { field, launch, screenshot, signedInPage } from './lib/browser.mjs';
import { demoPassword } from './lib/totp.mjs';

const VIEW = { width: 1366, height: 768 };
const QUESTION = '失业了怎么领失业金';
const ITEM = 'BJ-SHBX-001';
const ITEM_NAME = '失业保险金申领';
const PHONE = '13912345678';

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

test('issue 11: a call on the consultation line, answered from the guides and logged masked', async () => {
  const { page, context, problems } = await signedInPage(browser, server.url, 'clerk', demoPassword, VIEW);
  await page.goto(server.url + '/');
  await page.getByRole('menuitem', { name: '电话咨询' }).click();
  await page.waitForURL(/\/cases\/hotline$/);
  await page.locator('[data-test="call-log"] [data-test="state-empty"]').waitFor();
  // The number field has the focus, for the next call.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-test')), 'call-phone-input');

  // Saving with nothing: the form says what it needs, nothing is sent.
  await page.locator('[data-test="call-save"]').click();
  await page.locator('.el-form-item__error', { hasText: '请填写来电人的问题' }).waitFor();
  await page.locator('.el-form-item__error', { hasText: '请填写答复内容' }).waitFor();

  // The question; the search box follows it, and 检索 asks at once.
  await field(page, 'call-question-input').fill(QUESTION);
  const query = field(page, 'answer-query');
  await page.waitForFunction((q) => document.querySelector('input[data-test="answer-query"]')?.value === q, QUESTION);
  await query.press('Enter');
  const card = page.locator(`[data-test="answer-card"][data-code="${ITEM}"]`);
  await card.waitFor();
  assert.match(await card.locator('[data-test="answer-name"]').innerText(), new RegExp(ITEM_NAME));
  assert.match(await card.innerText(), /受理条件/);
  const guide = card.locator('[data-test="answer-guide"]');
  assert.equal(await guide.getAttribute('href'), `/guides/${ITEM}`);
  assert.equal(await guide.getAttribute('target'), '_blank');
  await screenshot(page, 'hotline-01-answers', { fullPage: false });

  // Other words that match nothing: the empty state.
  await query.fill('火星移民签证');
  await query.press('Enter');
  await page.locator('[data-test="answer-empty"]', { hasText: '没有找到相关事项,请换个说法' }).waitFor();
  await query.fill(QUESTION);
  await query.press('Enter');
  await card.waitFor();

  // 引用到答复: the item's lines go into 答复, the item into 相关事项.
  await card.locator('[data-test="answer-quote"]').click();
  const answer = field(page, 'call-answer-input');
  const quoted = await answer.inputValue();
  assert.match(quoted, new RegExp(`^【${ITEM_NAME}】\\n受理条件:`));
  assert.match(await page.locator('[data-test="call-item-select"]').innerText(), new RegExp(ITEM_NAME));

  // A wrong number is caught before sending; then the real one.
  const phone = field(page, 'call-phone-input');
  await phone.fill('1391234');
  await phone.blur();
  await page.locator('.el-form-item__error', { hasText: '手机号码应为 11 位数字' }).waitFor();
  await phone.fill(PHONE);
  await field(page, 'call-name-input').fill('李先生');
  await screenshot(page, 'hotline-02-filled', { fullPage: false });

  // Ctrl+Enter saves; the form clears for the next call.
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/consultations') && r.request().method() === 'POST');
  await answer.press('Control+Enter');
  const res = await saved;
  assert.equal(res.status(), 201);
  assert.ok(res.request().headers()['idempotency-key'], 'the save carries an Idempotency-Key');
  const created = await res.json();
  assert.equal(created.channel, 'phone');
  const row = page.locator('[data-test="call-log-table"] .el-table__row');
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  assert.equal(await answer.inputValue(), '');
  assert.equal(await field(page, 'call-question-input').inputValue(), '');
  assert.equal(await phone.inputValue(), '');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'call-phone-input');

  // 今日来电: masked number, question, item; the answer collapsed until opened.
  const shown = (await row.first().locator('[data-test="call-phone"]').innerText()).trim();
  assert.equal(shown, created.contact_phone_masked);
  assert.match(shown, /^139\*+5678$/);
  assert.match(await row.first().locator('[data-test="call-question"]').innerText(), new RegExp(QUESTION));
  assert.match(await row.first().locator('[data-test="call-item"]').innerText(), new RegExp(ITEM_NAME));
  const details = row.first().locator('[data-test="call-answer"]');
  assert.equal(await details.evaluate((d) => d.open), false);
  await details.locator('summary').click();
  assert.equal(await details.evaluate((d) => d.open), true);
  assert.match(await details.innerText(), /受理条件/);
  // The full number is nowhere on the page.
  assert.ok(!(await page.content()).includes(PHONE), 'the full number must not be on the page');
  assert.ok(!(await page.locator('body').innerText()).includes(PHONE));
  await screenshot(page, 'hotline-03-logged', { fullPage: true });

  // The API: the call on the telephone channel, with its item, masked.
  const list = await context.request.get(`${server.url}/api/consultations?mine=true&limit=100`);
  assert.equal(list.status(), 200);
  const mine = (await list.json()).items.find((c) => c.id === created.id);
  assert.ok(mine, 'the call is in the clerk\'s consultations');
  assert.equal(mine.channel, 'phone');
  assert.equal(mine.item_code, ITEM);
  assert.equal(mine.question, QUESTION);
  assert.equal(mine.answer, quoted.trim());
  assert.equal(mine.contact_phone_masked, shown);
  assert.ok(!JSON.stringify(mine).includes(PHONE));

  // 移交 (转交): the handover dialog of the workbench; the call leaves this list.
  await row.first().locator('[data-test="call-handover"]').click();
  const dialog = page.locator('[data-test="handover-dialog"]');
  await dialog.waitFor();
  await field(page, 'handover-login').fill('hallmgr');
  await field(page, 'handover-reason').fill('来电人要求大厅负责人回电');
  await screenshot(page, 'hotline-04-handover', { fullPage: false });
  await page.locator('[data-test="handover-dialog-submit"]').click();
  await page.locator('[data-test="call-log"] [data-test="state-empty"]').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
