// Issue 9 follow-up in the browser, as the hall manager (policy 三(九), 三(七),
// 三亮明): 培训管理 creates a course and a session today, enrols two people,
// records their results (one passes, one fails) and 年度学时 rises; the
// compliance board drills from the top unit into a child unit and back up
// by the breadcrumb (and the back button); the roster uploads a person's
// photo and shows it. Screenshots go to YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { field, launch, pickOption, screenshot, signedInPage } from './lib/browser.mjs';
import { demoPassword } from './lib/totp.mjs';

const VIEW = { width: 1366, height: 800 };
const COURSE = '经办风险防控专题(浏览器测试)';
const COURSE_DAYS = 2;
const PASS_SCORE = 60;

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

// Success toasts go by themselves after 3 s.
async function closeToasts(page) {
  await page.waitForFunction(() => document.querySelectorAll('.el-message').length === 0, null, { timeout: 10000 });
}

// login -> annual training days, from the 年度学时 tab.
async function totalsByLogin(page) {
  await page.locator('.el-tabs__item', { hasText: '年度学时' }).click();
  const table = page.locator('[data-test="training-totals-table"]');
  await table.locator('.el-table__row').first().waitFor();
  const days = new Map();
  for (const row of await table.locator('.el-table__row').all()) {
    const login = (await row.locator('[data-test="training-total-login"]').innerText()).trim();
    days.set(login, Number((await row.locator('[data-test="training-total-days"]').innerText()).trim()));
  }
  return days;
}

// A row of a table holding "(login)", as the drawer and the pickers label people.
const personRow = (scope, login) => scope.locator('.el-table__row', { hasText: `(${login})` });

test('三(九): a session from course to results, and 年度学时 rises', async () => {
  const { page, problems } = await signedInPage(browser, server.url, 'hallmgr', demoPassword, VIEW);
  await page.goto(`${server.url}/staff`);
  // The entry sits in the side menu's 人员管理 group, open from the start.
  await page.getByRole('menuitem', { name: '培训管理' }).click();
  await page.waitForURL(/\/staff\/training$/);
  await page.locator('[data-test="training-sessions"], [data-test="state-empty"]').first().waitFor();

  const before = await totalsByLogin(page);
  assert.ok(before.has('clerk') && before.has('reviewer'), `clerk and reviewer on the roster: ${[...before.keys()]}`);
  assert.match(await page.locator('[data-test="training-totals-policy"]').innerText(), /三\(九\)/);
  await page.locator('.el-tabs__item', { hasText: '培训场次' }).click();

  // 新建课程: an annual course of two days, pass mark 60, of the manager's own unit.
  await page.locator('[data-test="training-course-open"]').click();
  const courseDialog = page.locator('.el-dialog', { has: page.locator('[data-test="training-course-title-input"]') });
  await courseDialog.waitFor();
  await field(courseDialog, 'training-course-title-input').fill(COURSE);
  await field(courseDialog, 'training-course-days').fill(String(COURSE_DAYS));
  await field(courseDialog, 'training-course-days').press('Tab');
  assert.equal(await field(courseDialog, 'training-course-pass').inputValue(), String(PASS_SCORE));
  await page.locator('[data-test="training-course-submit"]').click();
  await courseDialog.waitFor({ state: 'hidden' });
  await page.locator('.el-message--success', { hasText: COURSE }).waitFor();

  // 新建场次 today; it opens in its drawer.
  await page.locator('[data-test="training-session-open"]').click();
  const sessionDialog = page.locator('.el-dialog', { has: page.locator('[data-test="training-session-place"]') });
  await sessionDialog.waitFor();
  await pickOption(page, 'training-session-course-select', COURSE);
  await field(sessionDialog, 'training-session-place').fill('东华门街道便民服务中心二楼培训室');
  await field(sessionDialog, 'training-session-trainer').fill('区人力社保局业务科');
  await page.locator('[data-test="training-session-submit"]').click();
  await sessionDialog.waitFor({ state: 'hidden' });

  const drawer = page.locator('.el-drawer', { has: page.locator('[data-test="training-drawer-title"]') });
  await drawer.locator('[data-test="training-enrolments"]').waitFor();
  assert.equal((await drawer.locator('[data-test="training-drawer-title"]').innerText()).trim(), COURSE);
  const sessionRow = page.locator('[data-test="training-sessions"] .el-table__row', { hasText: COURSE });
  await sessionRow.waitFor();

  // 添加人员: two people picked from the roster at once.
  await page.locator('[data-test="training-enrol-select"]').click();
  for (const login of ['clerk', 'reviewer']) {
    await page.locator('.el-select-dropdown__item:visible', { hasText: `(${login})` }).first().click();
  }
  await page.locator('[data-test="training-enrol-submit"]').click();
  const enrolments = drawer.locator('[data-test="training-enrolments"]');
  await personRow(enrolments, 'clerk').waitFor();
  await personRow(enrolments, 'reviewer').waitFor();
  assert.equal(await enrolments.locator('.el-table__row').count(), 2);
  await closeToasts(page);
  await screenshot(page, 'training-01-enrolled', { fullPage: false });

  // 录入结果: both attended; the clerk passes, the reviewer does not.
  await page.locator('[data-test="training-results-open"]').click();
  const results = drawer.locator('[data-test="training-results-table"]');
  await results.waitFor();
  for (const [login, score] of [['clerk', 90], ['reviewer', 30]]) {
    const input = personRow(results, login).locator('[data-test="training-result-score"] input');
    await input.fill(String(score));
    await input.press('Tab');
  }
  await screenshot(page, 'training-02-results-form', { fullPage: false });
  await page.locator('[data-test="training-results-submit"]').click();

  await personRow(enrolments, 'clerk').locator('[data-test="training-result-tag"]').waitFor();
  assert.equal((await personRow(enrolments, 'clerk').locator('[data-test="training-result-tag"]').innerText()).trim(), '合格');
  assert.equal((await personRow(enrolments, 'reviewer').locator('[data-test="training-result-tag"]').innerText()).trim(), '不合格');
  assert.match(await drawer.locator('[data-test="training-drawer-status"]').innerText(), /已录入/);
  assert.equal(await page.locator('[data-test="training-results-open"]').count(), 0);
  await closeToasts(page);
  await page.waitForTimeout(300);  // the drawer's animation
  await screenshot(page, 'training-03-results', { fullPage: false });

  // The list counts it: recorded, one of two passed.
  await drawer.locator('.el-drawer__close-btn').click();
  await drawer.waitFor({ state: 'hidden' });
  await sessionRow.locator('[data-test="training-session-status"]', { hasText: '已录入' }).waitFor();
  assert.equal((await sessionRow.locator('[data-test="training-session-passed"]').innerText()).trim(), '1');
  await screenshot(page, 'training-04-sessions', { fullPage: false });

  // 年度学时: the clerk's annual days rise by the course's days.
  const after = await totalsByLogin(page);
  assert.equal(after.get('clerk'), before.get('clerk') + COURSE_DAYS,
    `clerk's days ${before.get('clerk')} -> ${after.get('clerk')}`);
  assert.ok(after.get('reviewer') >= before.get('reviewer'));
  const clerkTotal = page.locator('[data-test="training-totals-table"] .el-table__row')
    .filter({ has: page.locator('[data-test="training-total-login"]', { hasText: /^clerk$/ }) });
  assert.equal((await clerkTotal.locator('[data-test="training-total-meets"]').innerText()).trim(),
    after.get('clerk') >= 5 ? '达标' : '未达标');
  await screenshot(page, 'training-05-totals', { fullPage: false });

  assert.deepEqual(problems, []);
});

test('the compliance board drills down to a child unit and back up', async () => {
  const { page, problems } = await signedInPage(browser, server.url, 'hallmgr', demoPassword, VIEW);
  await page.goto(`${server.url}/staff/compliance`);
  const current = page.locator('[data-test="staff-compliance-crumb-current"]');
  await current.waitFor();
  const top = (await current.innerText()).trim();
  assert.equal(await page.locator('[data-test="staff-compliance-crumb"]').count(), 0, 'the top has no unit above it');

  const children = page.locator('[data-test="staff-compliance-children"]');
  await children.locator('.el-table__row').first().waitFor();
  await page.locator('[data-test="staff-compliance-units-chart"] canvas').waitFor();
  await page.waitForTimeout(500);  // the chart's animation
  await screenshot(page, 'training-06-compliance-top');

  const child = (await children.locator('[data-test="staff-compliance-child-name"]').first().innerText()).trim();
  await children.locator('.el-table__row').first().click();
  await page.waitForURL((u) => u.searchParams.has('unit'));
  await page.locator('[data-test="staff-compliance-crumb-current"]', { hasText: child }).waitFor();
  assert.equal((await page.locator('[data-test="staff-compliance-crumb"]').first().innerText()).trim(), top);
  await page.waitForTimeout(300);
  await screenshot(page, 'training-07-compliance-child');

  // Up by the breadcrumb: the top again, without the parameter.
  await page.locator('[data-test="staff-compliance-crumb"]', { hasText: top }).click();
  await page.waitForURL((u) => u.pathname === '/staff/compliance' && !u.searchParams.has('unit'));
  await page.locator('[data-test="staff-compliance-crumb-current"]', { hasText: top }).waitFor();
  await children.locator('.el-table__row').first().waitFor();

  // The back button returns to the child unit.
  await page.goBack();
  await page.waitForURL((u) => u.searchParams.has('unit'));
  await page.locator('[data-test="staff-compliance-crumb-current"]', { hasText: child }).waitFor();

  assert.deepEqual(problems, []);
});

// A small portrait PNG drawn by the browser itself, so no fixture is needed.
async function portraitPng(page, width = 60, height = 80) {
  const dataUrl = await page.evaluate(([w, h]) => {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#3a6ea5';
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#f2d0b5';
    ctx.beginPath();
    ctx.arc(w / 2, h * 0.4, w * 0.25, 0, Math.PI * 2);
    ctx.fill();
    return canvas.toDataURL('image/png');
  }, [width, height]);
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

test('三亮明: a person\'s photo uploaded from the roster is shown', async () => {
  const { page, problems } = await signedInPage(browser, server.url, 'hallmgr', demoPassword, VIEW);
  await page.goto(`${server.url}/staff`);
  const table = page.locator('[data-test="staff-table"]');
  const clerkRow = table.locator('.el-table__row').filter({ has: page.locator('.yc-staff-login', { hasText: /^clerk$/ }) });
  await clerkRow.waitFor();
  await clerkRow.click();
  const drawer = page.locator('.el-drawer', { has: page.locator('[data-test="staff-photo"]') });
  await drawer.waitFor();
  const file = drawer.locator('[data-test="staff-photo-file"]');

  // Checked before sending: another type is refused with the reason.
  await file.setInputFiles({ name: 'photo.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
  assert.match(await drawer.locator('[data-test="staff-photo-problem"]').innerText(), /JPEG 或 PNG/);

  const png = await portraitPng(page);
  assert.ok(png.length < 256 * 1024);
  await file.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
  await page.locator('.el-message--success', { hasText: '照片已上传' }).waitFor();
  assert.equal(await drawer.locator('[data-test="staff-photo-problem"]').count(), 0);
  const img = drawer.locator('[data-test="staff-photo-img"]');
  await img.waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-test="staff-photo-img"]');
    return el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0;
  });
  await closeToasts(page);
  await page.waitForTimeout(300);
  await screenshot(page, 'training-08-roster-photo', { fullPage: false });

  // Opened again, the photo comes from the server (has_photo).
  await drawer.locator('.el-drawer__close-btn').click();
  await drawer.waitFor({ state: 'hidden' });
  await clerkRow.click();
  await drawer.locator('[data-test="staff-photo-img"]').waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-test="staff-photo-img"]');
    return el instanceof HTMLImageElement && el.src.startsWith('blob:') && el.complete && el.naturalWidth > 0;
  });
  assert.equal(await drawer.locator('[data-test="staff-photo-delete"]').count(), 1);

  assert.deepEqual(problems, []);
});
