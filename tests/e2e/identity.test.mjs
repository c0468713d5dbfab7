// Issue 4 in the browser: an administrator signs in with TOTP, creates a
// street, a hall with three windows and a clerk; the clerk signs in and must
// change the password. Screenshots go to YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { dropdownsClosed, field, launch, screenshot, strictPage } from './lib/browser.mjs';
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

// Signed out, the SPA asks GET /api/auth/me once and gets 401: expected.
const expected401 = (p) => !/401 \(Unauthorized\)/.test(p);

test('the TOTP helper matches the RFC 6238 vector', () => {
  assert.equal(totp('12345678901234567890', 59, 8), '94287082');
  assert.equal(totp('12345678901234567890', 1111111109, 8), '07081804');
});

async function pickUnit(page, selector, name) {
  await page.locator(`${selector} input`).first().click();
  await page.locator(`${selector} input`).first().fill(name);
  await page.locator('.el-tree-select__popper:visible .el-tree-node__content', { hasText: name }).first().click();
}

test('administrator with TOTP creates a street, a hall with three windows and a clerk; the clerk must change the password', async () => {
  const { page, context, problems } = await strictPage(browser);
  await page.goto(server.url + '/org/units');
  // Signed out: the guard sends us to the login page, remembering where to go.
  await page.waitForURL(/\/login\?redirect=/);
  await field(page, 'login-name').fill('sysadmin');
  await field(page, 'login-password').fill('wrong-password-1');
  await page.locator('[data-test="login-submit"]').click();
  await page.locator('[data-test="login-error"]').waitFor();
  assert.match(await page.locator('[data-test="login-error"]').innerText(), /用户名或密码错误/);
  await screenshot(page, 'identity-01-login-error');

  await field(page, 'login-password').fill(demoPassword);
  await page.locator('[data-test="login-submit"]').click();
  await field(page, 'totp-code').waitFor();
  await screenshot(page, 'identity-02-totp');
  await field(page, 'totp-code').fill(totp(demoTotpSecret));
  await page.locator('[data-test="totp-submit"]').click();
  await page.waitForURL(/\/org\/units$/);

  // A street under 东城区.
  await page.locator('[data-test="unit-tree"]').getByText('东城区', { exact: true }).click();
  await page.locator('[data-test="unit-add-child"]').click();
  await field(page, 'unit-code').fill('110101099');
  await field(page, 'unit-name').fill('测试街道');
  await page.locator('[data-test="unit-create-submit"]').click();
  await page.locator('[data-test="unit-tree"]').getByText('测试街道', { exact: true }).waitFor();
  await screenshot(page, 'identity-03-units');

  // A hall for it.
  await page.getByRole('menuitem', { name: '服务场所' }).click();
  await page.waitForURL(/\/org\/sites$/);
  await page.locator('[data-test="site-create"]').click();
  const dialog = page.locator('[data-test="site-create-dialog"]');
  await pickUnit(page, '[data-test="site-create-dialog"] [data-test="site-unit"]', '测试街道');
  await field(dialog, 'site-name').fill('测试街道便民服务中心');
  await field(dialog, 'site-address').fill('北京市东城区测试路 1 号');
  await field(dialog, 'site-hours').fill('工作日 9:00—17:00');
  await field(dialog, 'site-phone').fill('010-12345678');
  await page.locator('[data-test="site-create-submit"]').click();
  await page.waitForURL(/\/org\/sites\/\d+$/);
  await page.locator('[data-test="site-info"]').waitFor();

  // Three windows: 综合窗口, 专业窗口 and 绿色通道.
  for (const [number, kind] of [[1, '综合窗口'], [2, '专业窗口'], [3, '绿色通道']]) {
    await page.locator('[data-test="window-add"]').click();
    const w = page.locator('[data-test="window-dialog"]');
    await field(w, 'window-number').fill(String(number));
    await w.locator('[data-test="window-kind"]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: kind }).click();
    await dropdownsClosed(page);
    await w.locator('[data-test="window-submit"]').click();
    await page.locator('[data-test="windows-table"] .el-table__row').nth(number - 1).waitFor();
  }
  const rows = await page.locator('[data-test="windows-table"] .el-table__row').allInnerTexts();
  assert.equal(rows.length, 3);
  assert.match(rows[2], /绿色通道/);
  await screenshot(page, 'identity-04-hall-windows');

  // A clerk at the street; the initial password is shown once.
  await page.getByRole('menuitem', { name: '用户管理' }).click();
  await page.locator('[data-test="account-create"]').click();
  const create = page.locator('[data-test="account-create-dialog"]');
  await field(create, 'account-login').fill('newclerk');
  await field(create, 'account-name-input').fill('𠮷新员');
  await pickUnit(page, '[data-test="account-create-dialog"] [data-test="account-unit"]', '测试街道');
  await page.locator('[data-test="account-create-submit"]').click();
  const secret = page.locator('[data-test="one-time-secret"]');
  await secret.waitFor();
  const initial = (await secret.innerText()).trim();
  assert.match(initial, /^\S{12}$/);
  await screenshot(page, 'identity-05-initial-password');
  await page.locator('[data-test="one-time-done"]').click();
  await page.locator('[data-test="accounts-table"]').getByText('newclerk').waitFor();
  // The name is masked in the list, by code point (𠮷 is one character).
  assert.match(await page.locator('[data-test="accounts-table"]').innerText(), /𠮷\*\*/);
  await screenshot(page, 'identity-06-accounts');

  await page.locator('[data-test="account-menu"]').click();
  await page.locator('[data-test="logout"]').click();
  await page.waitForURL(/\/login/);

  // The clerk signs in and is made to change the password first.
  await field(page, 'login-name').fill('newclerk');
  await field(page, 'login-password').fill(initial);
  await page.locator('[data-test="login-submit"]').click();
  await field(page, 'pw-new').waitFor();
  await screenshot(page, 'identity-07-must-change');
  await field(page, 'pw-current').fill(initial);
  await field(page, 'pw-new').fill('newclerk-Weak1');
  await field(page, 'pw-confirm').fill('newclerk-Weak1');
  await page.locator('[data-test="pw-submit"]').click();
  await page.locator('[data-test="password-error"], .el-form-item__error').first().waitFor();
  await field(page, 'pw-new').fill('Clerk-Strong-2026');
  await field(page, 'pw-confirm').fill('Clerk-Strong-2026');
  await page.locator('[data-test="pw-submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  // A clerk sees no administration menus.
  assert.equal(await page.getByRole('menuitem', { name: '用户管理' }).count(), 0);
  await screenshot(page, 'identity-08-clerk-home');

  assert.deepEqual(problems.filter(expected401), []);
  await context.close();
});

test('the audit administrator reads the trail, filters it and verifies the chain', async () => {
  const { page, context, problems } = await strictPage(browser);
  await page.goto(server.url + '/login');
  await field(page, 'login-name').fill('auditor');
  await field(page, 'login-password').fill(demoPassword);
  await page.locator('[data-test="login-submit"]').click();
  await field(page, 'totp-code').waitFor();
  await field(page, 'totp-code').fill(totp(demoTotpSecret));
  await page.locator('[data-test="totp-submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await page.locator('[data-test="audit-table"] .el-table__row').first().waitFor();
  await field(page, 'audit-action').fill('session.login');
  await page.locator('[data-test="audit-search"]').click();
  await page.waitForTimeout(300);
  const texts = await page.locator('[data-test="audit-table"] .el-table__row').allInnerTexts();
  assert.ok(texts.length > 0);
  for (const t of texts) assert.match(t, /session\.login|登录/);
  await page.locator('[data-test="audit-verify"]').click();
  await page.locator('[data-test="audit-verify-result"]').waitFor();
  assert.match(await page.locator('[data-test="audit-verify-result"]').innerText(), /完整|通过/);
  await screenshot(page, 'identity-09-audit');
  // The auditor has no way to change accounts or the organisation.
  assert.equal(await page.getByRole('menuitem', { name: '用户管理' }).count(), 1);  // read-only view
  await page.getByRole('menuitem', { name: '用户管理' }).click();
  assert.equal(await page.locator('[data-test="account-create"]').count(), 0);
  assert.deepEqual(problems.filter(expected401), []);
  await context.close();
});
