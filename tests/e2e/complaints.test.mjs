// 投诉举报 in the browser (issue 10, item 2; policy 三(四); docs/api/complaints.md):
// a citizen files a named complaint on a phone and gets the number and query
// code once; the complaints officer (TOTP) finds it under 投诉举报, reveals the
// reporter (audited) in the drawer, accepts it, replies 属实 and closes it
// after the call-back; the citizen tracks it to 已办结 with the reply. A window
// clerk sees only 登记投诉 and records a phone complaint. Screenshots go to
// YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { field, launch, pickOption, screenshot, signInWithTotp, signedInPage, strictPage } from './lib/browser.mjs';
import { demoPassword } from './lib/totp.mjs';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 800 };
const SITE = 1;
const CONTENT = '1 号窗口工作人员态度生硬,不解释材料要求,让我来回跑了三趟';
const REPLY = '经调查核实,情况属实,已对窗口人员批评教育并调整岗位,材料要求已一次性告知到位';

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

// The login page asks who is signed in before anyone is: 401, logged by Chromium.
const signedOutProbe = (p) => !/401 \(Unauthorized\)/.test(p);

async function fileComplaint(page) {
  await page.goto(`${server.url}/complaints/new?site=${SITE}`);
  await page.locator('[data-test="complaint-site"]').waitFor();
  await pickOption(page, 'complaint-category', '服务态度');
  await field(page, 'complaint-window').fill('1');
  await field(page, 'complaint-content').fill(CONTENT);
  await field(page, 'complaint-name').fill('刘晓梅');
  await field(page, 'complaint-phone').fill('13800001111');
  await page.locator('[data-test="complaint-privacy"]').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  assert.match(await page.locator('[data-test="complaint-counter"]').innerText(), new RegExp(`^${[...CONTENT].length} / 2000`));
  await screenshot(page, 'complaints-01-form');
  await page.locator('[data-test="complaint-submit"]').click();
  const done = page.locator('[data-test="complaint-done"]');
  await done.waitFor();
  const no = (await done.locator('[data-test="complaint-no"]').innerText()).trim();
  const code = (await done.locator('[data-test="complaint-code"]').innerText()).trim();
  assert.match(no, /^TS\d{8}-\d{4}$/);
  assert.ok(code.length >= 4, `a query code: ${code}`);
  assert.match(await done.innerText(), /请记下编号和查询码/);
  await screenshot(page, 'complaints-02-filed');
  return { no, code };
}

// Success toasts go by themselves after 3 s.
async function closeToasts(page) {
  await page.waitForFunction(() => document.querySelectorAll('.el-message').length === 0, null, { timeout: 10000 });
}

async function act(drawer, action, fill = async () => {}) {
  await drawer.locator(`[data-test="complaint-action-${action}"]`).click();
  await fill();
  const before = await drawer.locator('[data-test="complaint-facts"]').innerText();
  await drawer.locator('[data-test="complaint-action-submit"]').click();
  await drawer.locator('[data-test="complaint-facts"]').filter({ hasNotText: before.split('\n')[1] ?? '' }).waitFor();
}

test('三(四): filed online, revealed, accepted, replied 属实, closed; tracked to 已办结', async () => {
  const citizen = await strictPage(browser, PHONE);
  const { no, code } = await fileComplaint(citizen.page);

  const officer = await strictPage(browser, DESK);
  const page = officer.page;
  await signInWithTotp(page, server.url, 'tsofficer', '/');
  await page.locator('.yc-menu .el-menu-item', { hasText: '投诉举报' }).click();
  const mark = page.locator(`[data-test="complaint-row-no"][data-no="${no}"]`);
  await mark.waitFor();
  assert.match(await page.locator('[data-test="complaint-tabs"]').innerText(), /待受理 \(\d+\)/);
  assert.ok(!(await page.locator('[data-test="complaint-table"]').innerText()).includes('刘晓梅'), 'no identity in the list');
  await screenshot(page, 'complaints-03-officer-list', { fullPage: false });

  await mark.click();
  const drawer = page.locator('[data-test="complaint-drawer"]');
  await drawer.locator('[data-test="complaint-content"]', { hasText: CONTENT }).waitFor();
  assert.ok(!(await drawer.innerText()).includes('13800001111'), 'no identity before the reveal');
  await drawer.locator('[data-test="complaint-reveal"]').click();
  await page.locator('.yc-confirm-ok').click();
  await drawer.locator('[data-test="complaint-reporter"]', { hasText: '13800001111' }).waitFor();
  await page.waitForTimeout(300);  // the drawer's animation
  await screenshot(page, 'complaints-04-drawer', { fullPage: false });

  // The 承办人 is picked from the list the server allows (GET .../assignees).
  await act(drawer, 'accept', async () => {
    await pickOption(page, 'complaint-accept-assignee', '本人');
    await page.waitForTimeout(300);  // the dropdown closes
    await screenshot(page, 'complaints-04b-accept-assignee', { fullPage: false });
  });
  await drawer.locator('[data-test="complaint-facts"]', { hasText: '办理中' }).waitFor();
  assert.match(await drawer.locator('[data-test="complaint-facts"]').innerText(), /蒋\*/);
  // 交办 offers the same list; the current 承办人 is marked and cannot be picked again.
  await drawer.locator('[data-test="complaint-action-assign"]').click();
  await page.locator('[data-test="complaint-assignee"]').click();
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: '现承办人' }).first();
  await option.waitFor();
  assert.match(await option.getAttribute('class'), /is-disabled/);
  await screenshot(page, 'complaints-04c-assign-select', { fullPage: false });
  await page.keyboard.press('Escape');
  await act(drawer, 'reply', async () => {
    await field(drawer, 'complaint-reply-text').fill(REPLY);
    await drawer.locator('[data-test="complaint-upheld-yes"]').click();
  });
  await drawer.locator('[data-test="complaint-facts"]', { hasText: '已答复' }).waitFor();
  await act(drawer, 'close', async () => {
    await drawer.locator('[data-test="complaint-outcome-reached"]').click();
    await field(drawer, 'complaint-close-note').fill('投诉人表示满意');
  });
  await drawer.locator('[data-test="complaint-facts"]', { hasText: '已办结' }).waitFor();
  await closeToasts(page);
  await screenshot(page, 'complaints-05-drawer-closed', { fullPage: false });

  // Closing the drawer drops the identity: opened again, it shows the button.
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await page.locator('[data-test="complaint-tabs"] .el-tabs__item', { hasText: '已办结' }).click();
  await page.locator(`[data-test="complaint-row-no"][data-no="${no}"]`).click();
  await drawer.locator('[data-test="complaint-reveal"]').waitFor();
  assert.ok(!(await drawer.innerText()).includes('13800001111'));

  await citizen.page.goto(`${server.url}/complaints/track?no=${encodeURIComponent(no)}`);
  await field(citizen.page, 'track-code').fill(code);
  await citizen.page.locator('[data-test="track-submit"]').click();
  const result = citizen.page.locator('[data-test="track-result"]');
  await result.waitFor();
  assert.equal((await result.locator('[data-test="track-state"]').innerText()).trim(), '已办结');
  assert.equal((await result.locator('[data-test="track-reply-text"]').innerText()).trim(), REPLY);
  assert.match(await result.locator('[data-test="track-upheld"]').innerText(), /属实/);
  assert.equal(await result.locator('[data-test="track-step"][data-done="true"]').count(), 4);
  await screenshot(citizen.page, 'complaints-06-tracked');
  // 适老化: the same page in large font and high contrast.
  await citizen.page.locator('[data-test="large-font"]').click();
  await citizen.page.locator('[data-test="high-contrast"]').click();
  await screenshot(citizen.page, 'complaints-07-tracked-large');

  assert.deepEqual(citizen.problems, []);
  assert.deepEqual(officer.problems.filter(signedOutProbe), []);
});

test('三(四): a window clerk only records complaints, here one taken on the phone', async () => {
  const { page, problems } = await signedInPage(browser, server.url, 'clerk', demoPassword, DESK);
  await page.goto(`${server.url}/complaints`);
  await page.locator('[data-test="complaint-intake-only"]').waitFor();
  assert.equal(await page.locator('[data-test="complaint-tabs"]').count(), 0, 'no list without complaint.read');
  await page.locator('[data-test="complaint-intake-open"]').click();
  const dialog = page.locator('[data-test="intake-dialog"]');
  await dialog.locator('[data-test="intake-content"]').waitFor();
  await dialog.locator('[data-test="intake-channel-phone"]').click();
  await pickOption(page, 'intake-category', '办事效率');
  await field(dialog, 'intake-content').fill('来电反映:上午在社保窗口排队两个小时没有叫号,也无人解释原因');
  await field(dialog, 'intake-name').fill('王建国');
  await field(dialog, 'intake-phone').fill('13900002222');
  await dialog.locator('[data-test="intake-submit"]').click();
  const no = dialog.locator('[data-test="complaint-no"]');
  await no.waitFor();
  assert.match(await no.innerText(), /^TS\d{8}-\d{4}$/);
  assert.ok((await dialog.locator('[data-test="complaint-code"]').innerText()).trim().length >= 4);
  await page.waitForTimeout(300);  // the dialog's animation
  await screenshot(page, 'complaints-08-intake', { fullPage: false });
  await dialog.locator('[data-test="intake-done"]').click();
  await dialog.waitFor({ state: 'hidden' });
  assert.deepEqual(problems, []);
});

// 督办 (三(四)): a complaint not accepted by its due day shows 已升级 to the
// officers once the sweep (run at start and every cases.sweep_minutes) has
// sent it up. The server is restarted on a copy whose due day has passed.
test('三(四): a complaint past its accept deadline is escalated and shows 已升级', async () => {
  const first = await startServer({ seed: true, removeDataDir: false });
  const made = await fetch(`${first.url}/api/public/complaints`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ category: 'efficiency', content: '排队两个小时没有叫号,也无人解释原因', anonymous: true, site_id: SITE }),
  }).then((r) => r.json());
  assert.match(made.complaint_no, /^TS\d{8}-\d{4}$/);
  await first.stop();
  const db = `${first.dataDir}/yichuang.db`;
  const { spawnSync } = await import('node:child_process');
  const out = spawnSync('sqlite3', [db, `UPDATE complaint SET accept_due_day = '2025-09-29' WHERE complaint_no = '${made.complaint_no}'`],
    { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const again = await startServer({ dataDir: first.dataDir, removeDataDir: true });
  try {
    const { page, problems } = await strictPage(browser, DESK);
    await signInWithTotp(page, again.url, 'tsofficer', '/complaints');
    const row = page.locator('[data-test="complaint-table"] .el-table__row', { hasText: made.complaint_no });
    await row.waitFor();
    assert.match(await row.locator('[data-test="complaint-escalated"]').innerText(), /已升级至东城区/);
    assert.match(await row.innerText(), /已超期/);
    await screenshot(page, 'complaints-09-escalated', { fullPage: false });
    await row.locator('[data-test="complaint-row-no"]').click();
    const drawer = page.locator('[data-test="complaint-drawer"]');
    await drawer.locator('[data-test="complaint-escalation"]', { hasText: '已升级至东城区督办' }).waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'complaints-10-escalated-drawer', { fullPage: false });
    assert.deepEqual(problems.filter(signedOutProbe), []);
  } finally {
    await again.stop();
  }
});
