// Issue 9 in the browser (policy 三(七)(九)): the hall manager opens 人员名册,
// opens the demo clerk (a 协管员), and tries to put them on 待遇发放, a
// high-risk post: the dialog refuses with the reason and its clause 三(七)
// and keeps the form. Then 人员合规看板 shows the month's violations and
// 窗口容量测算 draws its chart from the day's tickets. 内控检查 (四(四)): the
// hall manager is refused in the dialog, the district officer (TOTP, holds
// the internal-control post) samples today's finished case and records a
// finding with its working-day deadline. Screenshots go to YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { field, launch, pickOption, screenshot, signInWithTotp, signedInPage, strictPage } from './lib/browser.mjs';
import { demoPassword } from './lib/totp.mjs';
import { finishedCase, signIn } from '../api/client.mjs';

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

// The refusal answers 422, which Chromium logs as a failed resource.
const unexpected = (p) => !/status of 422/.test(p);

test('issue 9: a 协管员 cannot take 待遇发放; the compliance board shows violations', async () => {
  const { page, problems } = await signedInPage(browser, server.url, 'hallmgr', demoPassword, VIEW);
  await page.goto(`${server.url}/staff`);
  const table = page.locator('[data-test="staff-table"]');
  await table.waitFor();
  const clerkRow = table.locator('.el-table__row').filter({ has: page.locator('.yc-staff-login', { hasText: /^clerk$/ }) });
  await clerkRow.waitFor();
  await screenshot(page, 'staff-01-roster', { fullPage: false });

  await clerkRow.click();
  const drawer = page.locator('.el-drawer');
  await drawer.locator('[data-test="staff-profile"]').waitFor();
  // The seed makes the clerk a 协管员; if not, the profile form does.
  const employment = clerkRow.locator('[data-test="staff-employment"]');
  if ((await employment.count()) === 0 || (await employment.innerText()).trim() !== '协管员') {
    await pickOption(page, 'staff-profile-employment', '协管员');
    await page.locator('[data-test="staff-profile-save"]').click();
    await page.locator('.el-message--success', { hasText: '人员档案已保存' }).waitFor();
  }

  await drawer.locator('.el-tabs__item', { hasText: '任职记录' }).click();
  await page.locator('[data-test="staff-assign-open"]').click();
  const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="staff-assign-post"]') });
  await dialog.waitFor();
  await pickOption(page, 'staff-assign-post', '待遇发放');
  await dialog.getByText('高风险岗位:仅限编制内人员').waitFor();
  await page.locator('[data-test="staff-assign-submit"]').click();
  const refusal = page.locator('[data-test="staff-assign-refusal"]');
  await refusal.waitFor();
  const text = await refusal.innerText();
  assert.match(text, /不能任职/);
  assert.match(text, /编制内/);
  assert.match(text, /三\(七\)/);
  assert.ok(await refusal.locator('[data-test="staff-assign-clause"]', { hasText: '三(七)' }).count() >= 1);
  // The form stays as it was, for another choice.
  assert.match(await dialog.locator('[data-test="staff-assign-post"]').innerText(), /待遇发放/);
  await page.waitForTimeout(300);  // the dialog's opening animation
  await screenshot(page, 'staff-02-assign-refused', { fullPage: false });
  await dialog.getByRole('button', { name: '取消' }).click();

  await page.goto(`${server.url}/staff/compliance`);
  await page.locator('[data-test="staff-compliance-sites"]').waitFor();
  const total = Number((await page.locator('[data-test="staff-total-violations"] .yc-stat-value').innerText()).trim());
  assert.ok(total >= 1, `expected a violation on the board, saw ${total}`);
  const tags = await page.locator('[data-test="staff-violation-tag"], [data-test="staff-person-violation"]').count();
  assert.ok(tags >= 1, 'a violation is listed with its clause');
  await page.locator('[data-test="staff-compliance-chart"] canvas').waitFor();
  await page.waitForTimeout(500);  // the chart's animation
  await screenshot(page, 'staff-03-compliance');

  // Drill-down: a site narrows the people list to it.
  await page.locator('[data-test="staff-compliance-sites"] .el-table__row').first().click();
  await page.locator('[data-test="staff-compliance-site-filter"]').waitFor();

  // 容量测算 reads the day's real tickets: the clerk issues a few at the window.
  const clerk = await signIn(server.url, 'clerk');
  for (let i = 0; i < 6; i++) {
    const t = await clerk.post('/api/hall/sites/1/tickets', { group: 'employment' },
      { headers: { 'Idempotency-Key': `staff-e2e-${i}` } });
    assert.equal(t.status, 201, t.text);
  }
  await page.goto(`${server.url}/staff/capacity`);
  await page.locator('[data-test="staff-capacity-chart"] canvas').waitFor();
  assert.equal(await page.locator('[data-test="staff-capacity-table"] .el-table__row').count() >= 1, true);
  await page.waitForTimeout(500);  // the chart's animation
  await screenshot(page, 'staff-04-capacity');

  assert.deepEqual(problems.filter(unexpected), []);
});

async function pickUnit(page, selector, name) {
  await page.locator(`${selector} input`).first().click();
  await page.locator(`${selector} input`).first().fill(name);
  await page.locator('.el-tree-select__popper:visible .el-tree-node__content', { hasText: name }).first().click();
}


async function createCheck(page) {
  await page.locator('[data-test="internal-create-open"]').click();
  const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="internal-create-unit"]') });
  await dialog.waitFor();
  await pickUnit(page, '[data-test="internal-create-dialog"] [data-test="internal-create-unit"]', '东华门街道');
  // The period defaults to the month so far, which covers today.
  await field(dialog, 'internal-create-size').fill('5');
  await page.locator('[data-test="internal-create-submit"]').click();
  return dialog;
}

// Success toasts go by themselves after 3 s.
async function closeToasts(page) {
  await page.waitForFunction(() => document.querySelectorAll('.el-message').length === 0, null, { timeout: 10000 });
}

const expected403 = (p) => !/status of 403/.test(p);
const expected401 = (p) => !/401 \(Unauthorized\)/.test(p);

test('四(四): only the internal-control post starts a check; a finding gets its due day', async () => {
  const done = await finishedCase(await signIn(server.url, 'clerk'), 78);

  // The hall manager may manage staff but holds no internal-control post: refused in the dialog.
  {
    const { page, context, problems } = await signedInPage(browser, server.url, 'hallmgr', demoPassword, VIEW);
    await page.goto(`${server.url}/staff/internal-checks`);
    await page.locator('[data-test="state-empty"]').waitFor();
    const dialog = await createCheck(page);
    const refusal = dialog.locator('[data-test="internal-create-refusal"]');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /内控岗位/);
    assert.match(await refusal.innerText(), /四\(四\)/);
    await page.waitForTimeout(300);  // the dialog's opening animation
    await screenshot(page, 'staff-05-internal-refused', { fullPage: false });
    assert.deepEqual(problems.filter(expected403), []);
    await context.close();
  }

  const { page, context, problems } = await strictPage(browser, VIEW);
  await signInWithTotp(page, server.url, 'dcadmin', '/staff/internal-checks');
  await page.waitForURL(/\/staff\/internal-checks/);
  await page.locator('[data-test="state-empty"]').waitFor();
  await createCheck(page);
  // The new check opens in its drawer, with today's case among the sample.
  const drawer = page.locator('.el-drawer');
  const items = drawer.locator('[data-test="internal-items"]');
  await items.waitFor();
  const row = items.locator('.el-table__row', { has: page.locator('[data-test="internal-item-case"]', { hasText: done.case_no }) });
  await row.waitFor();
  assert.match(await row.locator('[data-test="internal-item-result"]').innerText(), /待检查/);
  await page.locator('[data-test="internal-table"] .el-table__row').first().waitFor();

  await row.locator('[data-test="internal-item-finding"]').click();
  const judge = page.locator('.el-dialog', { has: page.locator('[data-test="internal-judge-note"]') });
  await judge.waitFor();
  assert.equal(await field(judge, 'internal-judge-days').inputValue(), '10');
  await field(judge, 'internal-judge-note').fill('受理回执缺少经办人签名');
  await page.locator('[data-test="internal-judge-submit"]').click();
  await judge.waitFor({ state: 'hidden' });

  assert.match(await row.locator('[data-test="internal-item-result"]').innerText(), /发现问题/);
  const findings = drawer.locator('[data-test="internal-findings"]');
  const finding = findings.locator('.el-table__row', { hasText: '受理回执缺少经办人签名' });
  await finding.waitFor();
  assert.match(await finding.innerText(), new RegExp(done.case_no));
  const due = (await finding.locator('[data-test="internal-finding-due"]').innerText()).trim();
  assert.match(due, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(due > done.accepted_day, `due ${due} after ${done.accepted_day}, in working days`);
  assert.equal(await finding.locator('[data-test="internal-finding-close"]').count(), 1);
  await closeToasts(page);  // toasts sit over the drawer's title
  await page.waitForTimeout(400);  // the drawer's animation
  await screenshot(page, 'staff-06-internal-finding', { fullPage: false });

  // The list counts it: one open finding of one.
  await drawer.locator('.el-drawer__close-btn').click();
  const counts = page.locator('[data-test="internal-table"] [data-test="internal-findings-count"]').first();
  await page.waitForFunction(() => document.querySelector('[data-test="internal-findings-count"]')?.textContent?.trim() === '1/1');
  assert.equal((await counts.innerText()).trim(), '1/1');
  await screenshot(page, 'staff-07-internal-list', { fullPage: false });

  assert.deepEqual(problems.filter(expected401), []);
  await context.close();
});
