// 数据交换 and 责任追究 in the browser (issue 10, item 7; policy 三(八)): the
// system administrator (TOTP) subscribes a local receiver that answers 500
// to 东城区's case events, sees the secret once with the signing rule, and,
// once a clerk has finished a case, sees both events in 待推送 after one
// failed attempt; stopping the subscription turns them into dead letters,
// which cannot be sent again while it is stopped. Then the city
// administrator (TOTP) reads 责任追究 with one 不满意 rating at 东华门街道.
// The system administrator also grants 东城区's data centre a token (接入系统),
// which a system then uses, has rotated and finally revoked.
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

// The system administrator's page, signed in once for the whole file (a TOTP
// code is accepted once), opened at `path`.
let admin;
async function sysadminAt(path) {
  if (!admin) {
    admin = await strictPage(browser, VIEW);
    await signInWithTotp(admin.page, server.url, 'sysadmin', path);
  } else {
    await admin.page.goto(`${server.url}${path}`);
  }
  return admin;
}

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
  const { page, problems } = await sysadminAt('/exchange/webhooks');
  const seen = problems.length;
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

  assert.deepEqual(problems.slice(seen).filter(expected), []);
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

// A system's GET with its token.
const bearer = (token, path = '/api/stats/overview') =>
  fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });

// The token dialog shown after creating or rotating: its token, once.
async function takeToken(page) {
  const dialog = page.locator('[data-test="one-time-dialog"]', { hasText: '访问令牌' });
  await dialog.waitFor(WAIT);
  assert.match(await dialog.innerText(), /令牌只显示这一次,请立即保存到对方系统/);
  const token = (await dialog.locator('[data-test="one-time-secret"]').innerText()).trim();
  assert.ok(token.length >= 20, token);
  return { dialog, token };
}

async function closeToken(page, { dialog, token }) {
  await dialog.locator('[data-test="one-time-done"]').click();
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(!(await page.content()).includes(token), 'the token is gone from the page once closed');
}

test('issue 10, item 7: grant 东城区 a token, a system reads with it, rotate, revoke', async () => {
  const { page, problems } = await sysadminAt('/exchange/api-clients');
  const seen = problems.length;
  const card = page.locator('[data-test="api-clients-page"]');
  await card.locator('[data-test="state-empty"]').waitFor(WAIT);
  assert.match(await card.locator('[data-test="api-client-usage"]').innerText(), /Authorization: Bearer <令牌>/);

  // 接口文档 opens the public OpenAPI document in a new tab.
  const [doc] = await Promise.all([page.context().waitForEvent('page'), card.locator('[data-test="api-client-openapi"]').click()]);
  await doc.waitForLoadState();
  assert.match(doc.url(), /\/api\/openapi\.json$/);
  assert.match(await doc.locator('body').innerText(), /"openapi":\s*"3\.1/);
  await doc.close();

  await card.locator('[data-test="api-client-create"]').click();
  const dialog = page.locator('[data-test="api-client-dialog"]');
  await field(dialog, 'api-client-name').fill('东城区数据中心');
  await field(dialog, 'api-client-unit').click();
  await field(dialog, 'api-client-unit').fill('东城区');
  await page.locator('.el-tree-select__popper:visible .el-tree-node__content', { hasText: '东城区' }).first().click();
  for (const s of ['读取办件', '读取统计与台账']) await dialog.locator('.el-checkbox', { hasText: s }).click();
  // The last day can be tomorrow at the earliest.
  await field(dialog, 'api-client-expires').click();
  const today = page.locator('.el-picker-panel:visible td.today');
  await today.waitFor();
  assert.match(await today.getAttribute('class'), /\bdisabled\b/);
  const inAYear = new Date(Date.now() + 365 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  await field(dialog, 'api-client-expires').fill(inAYear);
  await field(dialog, 'api-client-expires').press('Enter');
  await field(dialog, 'api-client-name').click();  // the picker closes
  await screenshot(page, 'exchange-06-api-client-dialog', { fullPage: false });
  await dialog.locator('[data-test="api-client-submit"]').click();

  const first = await takeToken(page);
  await screenshot(page, 'exchange-07-api-token', { fullPage: false });
  await closeToken(page, first);

  const row = page.locator('[data-test="api-client-table"] tr.el-table__row', { hasText: '东城区数据中心' });
  await row.waitFor(WAIT);
  const text = await row.innerText();
  assert.match(text, /东城区[\s\S]*读取办件[\s\S]*读取统计与台账/);
  assert.ok(text.includes(`${first.token.slice(0, 10)}…`), text);
  assert.ok(text.includes(inAYear), text);
  assert.match(text, /从未使用[\s\S]*正常/);

  // A system reads the figures with it; the table shows when and from where.
  assert.equal((await bearer(first.token)).status, 200);
  await card.locator('[data-test="api-clients-refresh"]').click();
  await row.locator('[data-test="api-client-last-address"]', { hasText: '127.0.0.1' }).waitFor(WAIT);
  await page.mouse.move(0, VIEW.height - 1);
  await screenshot(page, 'exchange-08-api-clients');

  // 更换令牌: the old one stops at once, the new one works.
  await row.locator('[data-test="api-client-rotate"]').click();
  await page.locator('.el-message-box', { hasText: '旧令牌立即失效' }).waitFor();
  await page.locator('.yc-confirm-ok').click();
  const second = await takeToken(page);
  assert.notEqual(second.token, first.token);
  await closeToken(page, second);
  assert.equal((await bearer(first.token)).status, 401);
  assert.equal((await bearer(second.token)).status, 200);
  await row.locator('[data-test="api-client-token"]', { hasText: `${second.token.slice(0, 10)}…` }).waitFor(WAIT);

  // 停用: no token works any more, and it cannot be rotated.
  await row.locator('[data-test="api-client-revoke"]').click();
  await page.locator('.el-message-box', { hasText: '令牌立即失效' }).waitFor();
  await page.locator('.yc-confirm-ok').click();
  await row.locator('[data-test="api-client-state"]', { hasText: '已停用' }).waitFor(WAIT);
  assert.equal((await bearer(second.token)).status, 401);
  assert.equal(await row.locator('[data-test="api-client-rotate"], [data-test="api-client-revoke"]').count(), 0);
  await page.mouse.move(0, VIEW.height - 1);
  await screenshot(page, 'exchange-09-api-client-revoked');

  assert.deepEqual(problems.slice(seen).filter(expected), []);
});
