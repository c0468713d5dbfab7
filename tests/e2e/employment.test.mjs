// Issue 12 in the browser, on a phone (policy 附件二 社区协助了解掌握失业人员情况和
// 就业需求, 附件一(一) 职业介绍): the community worker of 东华门第一社区 opens the
// registry, finds the people whose monthly visit is due, calls one of them
// and records the follow-up visit; the street worker then opens the
// vacancies of the street, matches them to the 电工 vacancy (the person comes
// first, with why) and refers them. Screenshots go to YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { field, fitsWidth, launch, screenshot, signedInPage } from './lib/browser.mjs';
import { demoPassword } from './lib/totp.mjs';

const PHONE = { width: 390, height: 844 };

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

test('issue 12: a community worker records a follow-up visit on a phone; a street worker matches the person to a vacancy', async () => {
  // --- The community worker, on their rounds -----------------------------------------------
  const worker = await signedInPage(browser, server.url, 'sqworker', demoPassword, PHONE);
  const page = worker.page;
  await page.goto(`${server.url}/employment/residents`);
  const cards = page.locator('[data-test="resident-card"]');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 5, 'the five demo people of 东华门第一社区');
  await fitsWidth(page, 'the registry fits a phone');
  // The side menu is a drawer on a phone.
  assert.equal(await page.locator('[data-test="aside"]').isVisible(), false);
  await page.locator('[data-test="menu-toggle"]').click();
  await page.locator('[data-test="aside"]').getByText('劳动力台账').waitFor();
  await screenshot(page, 'employment-01-menu-drawer', { fullPage: false });
  await page.locator('[data-test="menu-backdrop"]').click({ position: { x: 360, y: 400 } });  // beside the drawer
  await screenshot(page, 'employment-02-registry');

  // Only the people whose visit is due: the unemployed and the 就业困难 person.
  await page.locator('[data-test="filter-due"]').click();
  await page.waitForURL(/due=1/);
  await page.waitForFunction(() => document.querySelectorAll('[data-test="resident-card"]').length === 3);
  const liu = cards.filter({ hasText: '刘*' });
  assert.match(await liu.innerText(), /待回访/);
  await liu.click();

  await page.locator('[data-test="person-name"]', { hasText: '刘*' }).waitFor();
  assert.equal((await page.locator('[data-test="person-status"]').innerText()).trim(), '失业登记');
  // The full number only on demand (audited), as a link to call.
  await page.locator('[data-test="reveal"]').click();
  const phone = page.locator('[data-test="person-phone"]');
  await phone.waitFor();
  assert.match(await phone.getAttribute('href'), /^tel:1380013\d{4}$/);
  await screenshot(page, 'employment-03-person');

  await page.locator('[data-test="visit-open"]').click();
  const dialog = page.locator('.el-dialog', { has: page.locator('[data-test="visit-form"]') });
  await dialog.waitFor();
  // An empty visit is refused at its field, and nothing is recorded.
  await page.locator('[data-test="visit-submit"]').click();
  await dialog.getByText('请填写回访情况').waitFor();
  await dialog.locator('[data-test="visit-method-phone"]').click();
  await field(dialog, 'visit-note').fill('电话联系本人, 仍在求职, 希望从事电工工作, 已告知区职业介绍中心招聘会时间');
  await page.waitForTimeout(300);  // the dialog's opening animation, for the picture
  await screenshot(page, 'employment-04-visit-form', { fullPage: false });
  await page.locator('[data-test="visit-submit"]').click();
  await page.locator('.el-message--success', { hasText: '回访已记录' }).waitFor();
  const visit = page.locator('[data-test="visit-item"]').first();
  await visit.waitFor();
  assert.match(await visit.innerText(), /电话联系本人, 仍在求职/);
  assert.match(await visit.innerText(), /电话回访/);
  // Monthly for the unemployed: the next visit is 30 days on, no longer due.
  const next = await page.locator('[data-test="person-next-visit"]').innerText();
  assert.match(next, /下次回访 \d{4}-\d{2}-\d{2}/);
  assert.doesNotMatch(next, /待回访/);
  await fitsWidth(page, 'the person page fits a phone');
  await screenshot(page, 'employment-05-visited');
  // The empty visit was refused with 400, which Chromium logs as a failed resource.
  assert.deepEqual(worker.problems.filter((p) => !/status of 400/.test(p)), []);
  await worker.context.close();

  // --- The street worker matches them to a vacancy -----------------------------------------
  const street = await signedInPage(browser, server.url, 'jdworker', demoPassword, PHONE);
  const p2 = street.page;
  await p2.goto(`${server.url}/employment/vacancies`);
  const electrician = p2.locator('[data-test="vacancy-card"]', { hasText: '北京演示电力工程有限公司' });
  await electrician.waitFor();
  await screenshot(p2, 'employment-06-vacancies');
  await electrician.locator('[data-test="vacancy-match"]').click();
  await p2.locator('[data-test="vacancy"]').waitFor();
  const rows = p2.locator('[data-test="match-row"]');
  await rows.first().waitFor();
  // The person with the skill and the wish comes first, with the reasons.
  const first = await rows.first().innerText();
  assert.match(first, /刘\*/);
  assert.match(first, /技能相符: 电工/);
  assert.match(first, /意向岗位相符/);
  // The employed and the flexible worker without a job need are not proposed.
  assert.equal(await rows.filter({ hasText: '孙*' }).count(), 0);
  await rows.first().locator('[data-test="match-refer"]').click();
  await p2.locator('.el-message--success', { hasText: '已推荐' }).waitFor();
  assert.equal((await rows.first().locator('[data-test="match-refer"]').innerText()).trim(), '已推荐');
  await fitsWidth(p2, 'the matching page fits a phone');
  await screenshot(p2, 'employment-07-matched');

  // The referral waits for its outcome on 推荐与安置, and on the person's page.
  await p2.goto(`${server.url}/employment/referrals`);
  await p2.locator('[data-test="referral-row"]', { hasText: '电工' }).first().waitFor();
  await screenshot(p2, 'employment-08-referrals');
  assert.deepEqual(street.problems, []);
  await street.context.close();
});

test('issue 12: the street sees the figures of its communities', async () => {
  const { page, context, problems } = await signedInPage(browser, server.url, 'jdworker', demoPassword);
  await page.goto(`${server.url}/employment/summary`);
  const total = page.locator('[data-test="summary-total"]');
  await total.waitFor();
  await page.locator('[data-test="summary-stat-residents"]', { hasText: '5' }).waitFor();
  await page.locator('[data-test="summary-chart"] canvas').waitFor();
  await screenshot(page, 'employment-09-summary');
  await page.goto(`${server.url}/employment/employers`);
  await page.locator('[data-test="employer-row"]', { hasText: '北京演示电力工程有限公司' }).first().waitFor();
  await screenshot(page, 'employment-10-employers');
  assert.deepEqual(problems, []);
  await context.close();
});
