// 退休人员 in the browser (issue 12, item 4; policy 附件一(二) 社会化退休人员管理,
// 附件二 社区协助, 三(七); docs/api/retirees.md). On a phone, the community worker
// of 东华门第一社区 registers a retiree, records this year's contact, and an
// activity with him among the participants; his death report is refused (not
// 编制内) with the server's Chinese message shown. The street worker (编制内)
// reports the death and is told he may not recheck his own report; his
// colleague confirms it on a desk and the person shows as 已故 with benefits
// stopped: the issue's "a death report stops the retiree's status only after
// 复核 by another formal staff member", end to end. Screenshots go to
// YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { dropdownsClosed, field, fitsWidth, launch, pickDay, pickOption, screenshot, signedInPage } from './lib/browser.mjs';
import { demoPassword } from './lib/totp.mjs';
import { residentId } from '../api/client.mjs';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 800 };
const ID = residentId('110101', '19560312', 121);
const PHONE_NO = '13700001234';

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
function nextMonthFirst(iso) {
  const [y, m] = iso.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

async function confirmBox(page) {
  await page.locator('.yc-confirm-ok').click();
  await page.locator('.el-message-box').waitFor({ state: 'hidden' });
}

async function openPerson(page, masked) {
  await page.locator('[data-test="retiree-item"]', { hasText: masked }).first().click();
  const drawer = page.locator('[data-test="retiree-drawer"]');
  await drawer.locator('[data-test="retiree-facts"]').waitFor();
  await page.waitForTimeout(300);  // the drawer's animation, for the picture
  return drawer;
}

test('附件一(二), 三(七): a retiree registered, contacted and at an activity; his death stops benefits only after another formal staff member\'s 复核', async () => {
  // --- The community worker on a phone --------------------------------------------------
  const sq = await signedInPage(browser, server.url, 'sqworker', demoPassword, PHONE);
  let page = sq.page;
  await page.goto(`${server.url}/retirees`);
  await page.locator('[data-test="retiree-card"] [data-test="state-empty"]').waitFor();
  await fitsWidth(page, 'the registry fits a phone');
  await screenshot(page, 'retirees-01-empty');

  await page.locator('[data-test="retiree-add-open"]').click();
  const dialog = page.locator('[data-test="retiree-add-dialog"]');
  await field(dialog, 'retiree-add-name').waitFor();
  assert.match(await dialog.locator('[data-test="retiree-add-unit"]').innerText(), /东华门第一社区/, 'his own community by default');
  await field(dialog, 'retiree-add-name').fill('王德顺');
  await field(dialog, 'retiree-add-id').fill(ID);
  await field(dialog, 'retiree-add-phone').fill(PHONE_NO);
  await pickDay(dialog, 'retiree-add-start', '2016-04-01');
  await field(dialog, 'retiree-add-address').fill('东城区东华门大街 12 号院 3 单元 201');
  await field(dialog, 'retiree-add-employer').fill('北京第一机床厂');
  await page.waitForTimeout(300);
  await screenshot(page, 'retirees-02-add-form', { fullPage: false });
  await dialog.locator('[data-test="retiree-add-submit"]').click();
  await dialog.waitFor({ state: 'hidden' });

  // The new person opens in the drawer, masked, 本年度未联系.
  let drawer = page.locator('[data-test="retiree-drawer"]');
  await drawer.locator('[data-test="retiree-facts"]').waitFor();
  const facts = await drawer.locator('[data-test="retiree-facts"]').innerText();
  assert.match(facts, /正常/);
  assert.match(facts, /待遇发放中/);
  assert.ok(!facts.includes('王德顺') && !facts.includes(ID) && !facts.includes(PHONE_NO), 'masked until revealed');
  assert.match(await drawer.locator('[data-test="retiree-contacts"]').innerText(), /本年度未联系/);

  await field(drawer, 'retiree-contact-note').fill('上门走访,身体健康,核对了联系电话');
  await drawer.locator('[data-test="retiree-contact-submit"]').click();
  await drawer.locator('[data-test="retiree-contact"]', { hasText: '上门走访,身体健康' }).waitFor();
  await drawer.locator('[data-test="retiree-contacts"] h3 .el-tag').waitFor({ state: 'detached' });  // 本年度未联系 goes
  await page.waitForTimeout(300);
  await screenshot(page, 'retirees-03-contacted', { fullPage: false });

  // Not 编制内: the death report is refused, the server's message shown, nothing changes.
  await pickDay(drawer, 'retiree-death-day', day(40));
  await drawer.locator('[data-test="retiree-death-submit"]').scrollIntoViewIfNeeded();
  await drawer.locator('[data-test="retiree-death-submit"]').click();
  await confirmBox(page);
  const refused = drawer.locator('[data-test="retiree-step-error"]');
  await refused.waitFor();
  assert.match(await refused.innerText(), /须由编制内人员办理/);
  assert.match(await drawer.locator('[data-test="retiree-facts"]').innerText(), /正常/);
  await refused.scrollIntoViewIfNeeded();
  await screenshot(page, 'retirees-04-death-refused', { fullPage: false });
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });

  const item = page.locator('[data-test="retiree-item"]').first();
  assert.doesNotMatch(await item.innerText(), /本年度未联系/);
  const masked = (await item.locator('strong').innerText()).trim();
  assert.match(masked, /^王\*/);
  await screenshot(page, 'retirees-05-registry');

  // An activity with him among the participants.
  await page.goto(`${server.url}/retirees/activities`);
  await page.locator('[data-test="activity-card"] [data-test="state-empty"]').waitFor();
  await page.locator('[data-test="activity-add-open"]').click();
  const act = page.locator('[data-test="activity-dialog"]');
  await field(act, 'activity-title').waitFor();
  await field(act, 'activity-title').fill('秋冬季心脑血管健康讲座');
  await page.locator('[data-test="activity-kind"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '健康讲座' }).click();
  await dropdownsClosed(page);
  await field(act, 'activity-place').fill('东华门第一社区活动室');
  await field(act, 'activity-content').fill('社区卫生服务站医生讲解高血压用药与冬季保暖');
  await act.locator('[data-test="activity-participants-select"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: masked }).first().click();
  await page.keyboard.press('Escape');
  await dropdownsClosed(page);
  assert.match(await act.innerText(), /参加人员\(1 人\)/);
  await screenshot(page, 'retirees-06-activity-form', { fullPage: false });
  await act.locator('[data-test="activity-submit"]').click();
  await act.waitFor({ state: 'hidden' });
  const card = page.locator('[data-test="activity-item"]', { hasText: '秋冬季心脑血管健康讲座' });
  await card.waitFor();
  assert.match(await card.innerText(), /参加 1 人/);
  await card.click();
  const actDrawer = page.locator('[data-test="activity-drawer"]');
  await actDrawer.locator('[data-test="activity-participants"]', { hasText: masked }).waitFor();
  await page.waitForTimeout(300);
  await fitsWidth(page, 'the page fits a phone');
  await screenshot(page, 'retirees-07-activity', { fullPage: false });
  assert.deepEqual(sq.problems.filter((p) => !/422 \(Unprocessable/.test(p)), []);
  await sq.context.close();

  // --- The street worker (编制内) reports; he may not recheck his own report -------------
  const jd = await signedInPage(browser, server.url, 'jdworker', demoPassword, PHONE);
  page = jd.page;
  await page.goto(`${server.url}/retirees`);
  drawer = await openPerson(page, masked);
  assert.match(await drawer.locator('[data-test="retiree-activities"]').innerText(), /秋冬季心脑血管健康讲座/);
  await pickDay(drawer, 'retiree-death-day', day(40));
  await pickOption(page, 'retiree-death-source', '公安');
  await field(drawer, 'retiree-death-note').fill('派出所户籍注销通知');
  await drawer.locator('[data-test="retiree-death-submit"]').click();
  await confirmBox(page);
  await drawer.locator('[data-test="retiree-death-report"]', { hasText: '待复核' }).waitFor();
  const reported = await drawer.locator('[data-test="retiree-facts"]').innerText();
  assert.match(reported, /死亡待复核/);
  assert.match(reported, /待遇发放中/, 'benefits go on until the 复核');
  const self = drawer.locator('[data-test="retiree-recheck-self"]');
  await self.waitFor();
  assert.match(await self.innerText(), /须由另一名编制内工作人员复核/);
  assert.equal(await drawer.locator('[data-test="retiree-recheck-confirm"]').count(), 0, 'no 复核 of his own report');
  await self.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await screenshot(page, 'retirees-08-reported-own', { fullPage: false });
  assert.deepEqual(jd.problems, []);
  await jd.context.close();

  // --- His colleague confirms it, on a desk ---------------------------------------------
  const jd2 = await signedInPage(browser, server.url, 'jdworker2', demoPassword, DESK);
  page = jd2.page;
  await page.goto(`${server.url}/retirees`);
  const pending = page.locator('[data-test="retiree-item"]', { hasText: masked });
  await pending.waitFor();
  assert.match(await pending.innerText(), /死亡待复核/);
  drawer = await openPerson(page, masked);
  await drawer.locator('[data-test="retiree-recheck-confirm"]').click();
  await confirmBox(page);
  await drawer.locator('[data-test="retiree-death-report"]', { hasText: '已确认' }).waitFor();
  const done = await drawer.locator('[data-test="retiree-facts"]').innerText();
  assert.match(done, /已故/);
  assert.match(await drawer.locator('[data-test="retiree-benefits"]').innerText(),
    new RegExp(`待遇已停发\\(${nextMonthFirst(day(40))} 起\\)`));
  assert.match(await drawer.locator('[data-test="retiree-death-report"]').innerText(), /复核人 朱\*/);
  assert.equal(await drawer.locator('[data-test="retiree-contact-submit"]').count(), 0, 'no contacts for the deceased');
  await page.waitForTimeout(300);
  await screenshot(page, 'retirees-09-confirmed', { fullPage: false });
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  const gone = await page.locator('[data-test="retiree-item"]', { hasText: masked }).innerText();
  assert.match(gone, /已故/);
  assert.match(gone, /待遇已停发/);
  await screenshot(page, 'retirees-10-registry-desk', { fullPage: false });
  assert.deepEqual(jd2.problems, []);
  await jd2.context.close();
});

