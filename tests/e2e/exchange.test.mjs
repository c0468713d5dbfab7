// 数据交换 and 责任追究 in the browser (issue 10, item 7; policy 三(八)): the
// system administrator (TOTP) subscribes a local receiver that answers 500
// to 东城区's case events, sees the secret once with the signing rule, and,
// once a clerk has finished a case, sees both events in 待推送 after one
// failed attempt; stopping the subscription turns them into dead letters,
// which cannot be sent again while it is stopped. Then the city
// administrator (TOTP) reads 责任追究 with one 不满意 rating at 东华门街道.
// Screenshots go to YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from './lib/server.mjs';
import { field, launch, screenshot, signInWithTotp, strictPage } from './lib/browser.mjs';
import { finishedCase, nthResidentId, signIn } from '../api/client.mjs';

const VIEW = { width: 1366, height: 860 };
const WAIT = { timeout: 60000 };  // the machine may be busy

let server;
let browser;
let receiver;
const received = [];

before(async () => {
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => { received.push(req.headers['x-yichuang-event']); res.writeHead(500).end(); });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  server = await startServer({ seed: true, env: { YICHUANG_EXCHANGE_DISPATCH_SECONDS: '1' } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => (receiver ? receiver.close(r) : r()));
});

// The login page asks who is signed in before anyone is (401), and the
// refused retry answers 422: both logged by Chromium.
const expected = (p) => !/401 \(Unauthorized\)|status of 422/.test(p);

// Clicks 刷新 until the deliveries table has `rows` rows, each with `text`
// (the server tries a new delivery within a second or so).
async function refreshUntil(page, rows, text) {
  const table = page.locator('[data-test="delivery-table"] .el-table__body-wrapper tr.el-table__row');
  const deadline = Date.now() + WAIT.timeout;
  while (Date.now() < deadline) {
    await page.locator('[data-test="deliveries-refresh"]').click();
    await page.waitForTimeout(1000);
    const texts = await table.allInnerTexts();
    if (texts.length === rows && texts.every((t) => t.includes(text))) return table;
  }
  assert.fail(`the deliveries table never had ${rows} rows with ${text}`);
}

test('issue 10, item 7: subscribe, see the secret once, failed deliveries pending, stop into dead letters', async () => {
  const { page, problems, context } = await strictPage(browser, VIEW);
  await signInWithTotp(page, server.url, 'sysadmin', '/exchange/webhooks');
  await page.locator('[data-test="webhooks-page"] [data-test="state-empty"]').waitFor(WAIT);

  await page.locator('[data-test="webhook-create"]').click();
  const dialog = page.locator('[data-test="webhook-create-dialog"]');
  await field(dialog, 'webhook-name').fill('东城区数据中心');
  await field(dialog, 'webhook-url').fill('http://example.com/hook');
  await field(dialog, 'webhook-name').click();  // blur: the URL rule speaks
  await dialog.getByText('须为 https:// 地址').waitFor();
  await field(dialog, 'webhook-url').fill(`http://127.0.0.1:${receiver.address().port}/hook`);
  await field(dialog, 'webhook-unit').click();
  await field(dialog, 'webhook-unit').fill('东城区');
  await page.locator('.el-tree-select__popper:visible .el-tree-node__content', { hasText: '东城区' }).first().click();
  for (const e of ['办件受理', '办件办结']) await dialog.locator('.el-checkbox', { hasText: e }).click();
  await dialog.locator('[data-test="webhook-create-submit"]').click();

  const secret = page.locator('[data-test="one-time-dialog"]');
  await secret.waitFor(WAIT);
  assert.ok((await secret.locator('[data-test="one-time-secret"]').innerText()).trim().length >= 32);
  assert.match(await secret.innerText(), /X-Yichuang-Signature = sha256=HMAC-SHA256\(密钥, 时间戳 \+ "\." \+ 请求体\)/);
  await screenshot(page, 'exchange-01-secret', { fullPage: false });
  await secret.locator('[data-test="one-time-done"]').click();
  await secret.waitFor({ state: 'hidden' });

  const row = page.locator('[data-test="webhook-table"] tr.el-table__row', { hasText: '东城区数据中心' });
  await row.waitFor(WAIT);
  assert.match(await row.innerText(), /办件受理[\s\S]*办件办结[\s\S]*启用/);
  await page.locator('[data-test="delivery-tabs"]').getByText('待推送').waitFor();
  await screenshot(page, 'exchange-02-webhooks');

  // A finished case: 受理 and 办结 are queued, tried once, refused with 500.
  const made = await finishedCase(await signIn(server.url, 'clerk'), 81);
  const rows = await refreshUntil(page, 2, 'HTTP 500');
  for (const text of await rows.allInnerTexts()) {
    assert.match(text, /东城区数据中心/);
    assert.match(text, /\b1\b/, 'one attempt');
  }
  assert.deepEqual([...received].sort(), ['case.accepted', 'case.completed']);
  await rows.first().locator('.el-table__expand-icon').click();
  const payload = page.locator('[data-test="delivery-payload"]');
  await payload.waitFor();
  assert.match(await payload.innerText(), new RegExp(`"case_no": "${made.case_no}"`));
  await page.mouse.move(0, VIEW.height - 1);
  await screenshot(page, 'exchange-03-deliveries');

  // 停用: what was queued is dead; a retry is refused while it is stopped.
  await row.locator('td', { hasText: /^\s*2\s*$/ }).first().waitFor(WAIT);  // 待推送 2, refreshed with them
  await row.locator('[data-test="webhook-stop"]').click();
  await page.locator('.el-message-box', { hasText: '转为死信' }).waitFor();
  await page.locator('.yc-confirm-ok').click();
  await row.locator('[data-test="webhook-state"]', { hasText: '已停用' }).waitFor(WAIT);
  await page.locator('[data-test="delivery-tabs"]').getByText('死信').click();
  await page.waitForURL(/tab=dead/);
  await refreshUntil(page, 2, '订阅已停用');
  await page.locator('[data-test="delivery-retry"]').first().click();
  await page.locator('.el-message--error', { hasText: '订阅已停用' }).waitFor(WAIT);
  await screenshot(page, 'exchange-04-dead-letters');

  assert.deepEqual(problems.filter(expected), []);
  await context.close();
});

test('policy 三(八): 责任追究 counts a 不满意 rating against 东华门街道', async () => {
  const made = await finishedCase(await signIn(server.url, 'clerk'), 82);
  const rated = await fetch(`${server.url}/api/progress/${made.case_no}/evaluations`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id_number: nthResidentId('110101', 82), stage: 'completed', level: 2, reasons: ['waiting_long'] }),
  });
  assert.equal(rated.status, 201, await rated.text());

  const { page, problems, context } = await strictPage(browser, VIEW);
  await signInWithTotp(page, server.url, 'cityadmin', '/stats/accountability');
  await page.waitForURL(/\/stats\/accountability/);
  const units = page.locator('[data-test="acc-units"]');
  const street = units.locator('tr.el-table__row', { hasText: '东华门街道' });
  await street.waitFor(WAIT);
  assert.equal((await street.locator('[data-test="acc-bad_ratings"]').innerText()).trim(), '1');
  const people = page.locator('[data-test="acc-people"] tr.el-table__row');
  await people.first().waitFor(WAIT);
  assert.match(await page.locator('[data-test="acc-hint"]').innerText(), /三\(八\)责任追究制/);
  await page.mouse.move(0, VIEW.height - 1);
  await screenshot(page, 'exchange-05-accountability');

  assert.deepEqual(problems.filter(expected), []);
  await context.close();
});
