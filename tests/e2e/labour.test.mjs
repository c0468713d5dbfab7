// 劳动关系 in the browser (issue 12, item 3; policy annex 一(三): 劳动争议预防和调解,
// 矛盾隐患排查, 协助监督检查, 用工单位统计调查; docs/api/labour.md). On a phone, the
// street worker of 东华门街道 receives a 劳动争议调解 case against a registered
// employer, records a session and closes it as agreed; a case received twenty
// days ago shows 已超期 (劳动争议调解仲裁法 第十四条); he records a high-risk
// hazard found ten days ago (flagged), follows it up (the flag goes) and refers
// it to labour inspection; he fills the year's 用工调查 of an employer and the
// progress moves. His colleague sees the cases on a desk. Screenshots go to
// YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { dropdownsClosed, field, fitsWidth, launch, pickDay, screenshot, signedInPage } from './lib/browser.mjs';
import { demoPassword } from './lib/totp.mjs';
import { nthResidentId } from '../api/client.mjs';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 800 };
const POWER = '北京演示电力工程有限公司';
const CENTRE = '东华门街道社区服务中心(演示)';
const WORKER_ID = nthResidentId('110101', 7301);
const WORKER_PHONE = '13911112222';

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

const day = (n = 0) => new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);
const plusDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

// The registered employer picker (remote search) of a dialog.
async function pickEmployer(page, scope, name) {
  await scope.locator('[data-test="labour-employer-select"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click();
  await dropdownsClosed(page);
}

// A POST as the signed-in page's account (its session cookie and CSRF token).
async function apiPost(page, path, data) {
  const me = await (await page.context().request.get(`${server.url}/api/auth/me`)).json();
  const res = await page.context().request.post(`${server.url}${path}`, { data, headers: { 'X-CSRF-Token': me.csrf_token } });
  assert.equal(res.status(), 201, await res.text());
  return res.json();
}

test('annex 一(三): a mediation case received, one session, closed as agreed; an overdue case flagged; a high-risk hazard followed up and referred; the year\'s 用工调查 moves the progress', async () => {
  const jd = await signedInPage(browser, server.url, 'jdworker', demoPassword, PHONE);
  const page = jd.page;

  // --- 劳动争议调解 --------------------------------------------------------------------------
  await page.goto(`${server.url}/labour/mediations`);
  await page.locator('[data-test="labour-mediation-card"] [data-test="state-empty"]').waitFor();
  await fitsWidth(page, 'the page fits a phone');
  await screenshot(page, 'labour-01-mediations-empty');

  await page.locator('[data-test="labour-mediation-new-open"]').click();
  const dialog = page.locator('[data-test="labour-mediation-new"]');
  await field(dialog, 'labour-mediation-name').waitFor();
  await field(dialog, 'labour-mediation-name').fill('许建军');
  await field(dialog, 'labour-mediation-phone').fill(WORKER_PHONE);
  await field(dialog, 'labour-mediation-id').fill(WORKER_ID);
  await pickEmployer(page, dialog, POWER);
  await field(dialog, 'labour-mediation-amount').fill('18600');
  await field(dialog, 'labour-mediation-claim').fill('申请人 8 月至 10 月工资共 18600 元未发放,请求支付');
  assert.equal(await field(dialog, 'labour-mediation-received').inputValue(), day(), 'received today by default');
  await page.waitForTimeout(300);
  await screenshot(page, 'labour-02-mediation-form');
  await dialog.locator('[data-test="labour-mediation-submit"]').click();
  await dialog.waitFor({ state: 'hidden' });

  const drawer = page.locator('[data-test="labour-mediation-drawer"]');
  const facts = drawer.locator('[data-test="labour-mediation-facts"]');
  await facts.waitFor();
  const shown = await facts.innerText();
  assert.match(shown, /调解中/);
  assert.match(shown, new RegExp(`${day()} → ${plusDays(day(), 15)}`), 'due fifteen days after receipt');
  assert.match(shown, new RegExp(POWER));
  assert.ok(!shown.includes('许建军') && !shown.includes(WORKER_PHONE), 'the worker masked');
  const caseNo = (await drawer.locator('.el-drawer__title').innerText()).replace('调解案件', '').trim();
  assert.match(caseNo, /^TJ\d{8}-\d{4}$/);

  await field(drawer, 'labour-session-attendees').fill('申请人许某、单位人事经理李某');
  await drawer.locator('[data-test="labour-session-submit"]').click();
  await drawer.locator('[data-test="labour-mediation-sessions"] h3', { hasText: '调解记录(1)' }).waitFor();
  await field(drawer, 'labour-outcome-agreement').fill('单位于 12 月 10 日前一次性支付欠发工资 18600 元');
  await drawer.locator('[data-test="labour-outcome-submit"]').click();
  await drawer.locator('[data-test="labour-mediation-outcome"]').waitFor();
  assert.match(await facts.innerText(), /达成协议/);
  // The worker in full only on demand (audited), to call them about the performance.
  await drawer.locator('[data-test="labour-mediation-reveal"]').click();
  await page.locator('.yc-confirm-ok').click();
  const worker = drawer.locator('[data-test="labour-mediation-worker"]');
  await worker.waitFor();
  assert.match(await worker.innerText(), new RegExp(`许建军[\\s\\S]*${WORKER_PHONE}[\\s\\S]*${WORKER_ID}`));
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
  await page.waitForTimeout(300);
  await screenshot(page, 'labour-03-mediation-agreed');
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });

  // A case received twenty days ago (an intake registered late) is overdue.
  const late = await apiPost(page, '/api/labour/mediations', {
    worker_id_number: nthResidentId('110101', 7302), worker_name: '马丽', worker_phone: '13911113333',
    employer_name: '东城某餐饮店', claim_kind: 'dismissal', claim: '单位违法解除劳动合同,请求支付赔偿金', received_day: day(20),
  });
  await page.reload();
  const overdue = page.locator(`[data-test="labour-mediation-item"][data-no="${late.case_no}"]`);
  await overdue.waitFor();
  await overdue.locator('[data-test="labour-mediation-overdue"]').waitFor();
  assert.match(await page.locator('[data-test="labour-mediation-overdue-count"]').innerText(), /超过调解期限 1 件/);
  await overdue.click();
  await drawer.locator('[data-test="labour-mediation-overdue-alert"]').waitFor();
  await page.waitForTimeout(300);
  await screenshot(page, 'labour-04-mediation-overdue', { fullPage: false });
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await page.locator('[data-test="labour-mediation-tabs"] .el-tabs__item', { hasText: '达成协议' }).click();
  await page.locator(`[data-test="labour-mediation-item"][data-no="${caseNo}"]`).click();
  await drawer.locator('[data-test="labour-mediation-reveal"]').waitFor();
  assert.equal(await drawer.locator('[data-test="labour-mediation-worker"]').count(), 0, 'closed, the identity goes');
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await fitsWidth(page, 'the page fits a phone');

  // --- 矛盾隐患排查, 移送劳动保障监察 --------------------------------------------------------
  await page.goto(`${server.url}/labour/hazards`);
  await page.locator('[data-test="labour-hazard-card"] [data-test="state-empty"]').waitFor();
  await page.locator('[data-test="labour-hazard-new-open"]').click();
  const hz = page.locator('[data-test="labour-hazard-new"]');
  await field(hz, 'labour-hazard-description').waitFor();
  await pickEmployer(page, hz, POWER);
  await hz.locator('[data-test="labour-hazard-risk"] label', { hasText: '高' }).click();
  await field(hz, 'labour-hazard-description').fill('项目部 40 余名农民工反映 3 个月工资未发,情绪激动');
  await field(hz, 'labour-hazard-people').fill('42');
  await field(hz, 'labour-hazard-people').press('Tab');
  await pickDay(hz, 'labour-hazard-found', day(10));
  await page.waitForTimeout(300);
  await screenshot(page, 'labour-05-hazard-form');
  await hz.locator('[data-test="labour-hazard-submit"]').click();
  await hz.waitFor({ state: 'hidden' });
  const hd = page.locator('[data-test="labour-hazard-drawer"]');
  await hd.locator('[data-test="labour-hazard-flag-alert"]').waitFor();
  await page.waitForTimeout(300);
  await screenshot(page, 'labour-06-hazard-flagged', { fullPage: false });

  await field(hd, 'labour-followup-note').fill('约谈项目负责人,承诺本周内发放一个月工资');
  await hd.locator('[data-test="labour-followup-submit"]').click();
  await hd.locator('[data-test="labour-hazard-followups"] h3', { hasText: '跟进记录(1)' }).waitFor();
  await hd.locator('[data-test="labour-hazard-flag-alert"]').waitFor({ state: 'detached' });
  await hd.locator('[data-test="labour-hazard-refer"]').click();
  const refer = page.locator('[data-test="labour-refer-dialog"]');
  await field(refer, 'labour-refer-reason').fill('承诺期满仍未足额支付,涉嫌拖欠劳动报酬');
  await refer.locator('[data-test="labour-refer-submit"]').click();
  await refer.waitFor({ state: 'hidden' });
  await hd.getByText('移送监察:已移送').waitFor();
  await page.waitForTimeout(300);
  await screenshot(page, 'labour-07-hazard-referred', { fullPage: false });
  await page.keyboard.press('Escape');
  await hd.waitFor({ state: 'hidden' });
  const hazard = page.locator('[data-test="labour-hazard-item"]').first();
  assert.match(await hazard.innerText(), /涉及 42 人/);
  assert.equal(await hazard.locator('[data-test="labour-hazard-flag"]').count(), 0, 'followed up: no flag');
  await page.locator('[data-test="labour-hazard-tabs"] .el-tabs__item', { hasText: '移送监察' }).click();
  const referral = page.locator('[data-test="labour-referral-item"]').first();
  await referral.waitFor();
  assert.match(await referral.innerText(), new RegExp(POWER));
  await fitsWidth(page, 'the page fits a phone');
  await screenshot(page, 'labour-08-referrals');

  // --- 用工单位统计调查 ----------------------------------------------------------------------
  await page.goto(`${server.url}/labour/surveys`);
  const progress = page.locator('[data-test="labour-survey-progress"]');
  await progress.getByText('已调查 0 / 2 家').waitFor();
  await screenshot(page, 'labour-09-surveys');
  await page.locator('[data-test="labour-survey-item"]', { hasText: CENTRE }).locator('[data-test="labour-survey-open"]').click();
  const form = page.locator('[data-test="labour-survey-dialog"]');
  await field(form, 'labour-survey-employees').waitFor();
  for (const [name, value] of [['employees', 30], ['local_employees', 26], ['nonlocal_employees', 4], ['contracts', 30],
    ['insured', 30], ['hired', 3], ['vacancies', 2]]) {
    await field(form, `labour-survey-${name}`).fill(String(value));
    await field(form, `labour-survey-${name}`).press('Tab');
  }
  await page.waitForTimeout(300);
  await screenshot(page, 'labour-10-survey-form', { fullPage: false });
  await form.locator('[data-test="labour-survey-submit"]').click();
  await form.waitFor({ state: 'hidden' });
  await progress.getByText('已调查 1 / 2 家').waitFor();
  const done = page.locator('[data-test="labour-survey-item"]', { hasText: CENTRE });
  assert.match(await done.innerText(), /已调查/);
  assert.match(await done.innerText(), /职工 30 人/);
  await fitsWidth(page, 'the page fits a phone');
  await screenshot(page, 'labour-11-survey-progress');
  assert.deepEqual(jd.problems, []);
  await jd.context.close();

  // --- His colleague, on a desk --------------------------------------------------------------
  const jd2 = await signedInPage(browser, server.url, 'jdworker2', demoPassword, DESK);
  await jd2.page.goto(`${server.url}/labour/mediations`);
  await jd2.page.locator(`[data-test="labour-mediation-item"][data-no="${late.case_no}"] [data-test="labour-mediation-overdue"]`).waitFor();
  await screenshot(jd2.page, 'labour-12-mediations-desk', { fullPage: false });
  assert.deepEqual(jd2.problems, []);
  await jd2.context.close();
});
