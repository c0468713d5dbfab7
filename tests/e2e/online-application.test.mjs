// Online application end to end (issue 11 "Done when"; policy 三(六) 线上办事
// 为主): a citizen signs in through the city's identity provider (a real
// OpenID Connect provider on 127.0.0.1), applies on the portal for 就业困难
// 人员认定 with a photo and a PDF, the hall's clerk pre-checks and accepts
// it, the reviewer asks for a correction, the citizen uploads it on the case
// page, the reviewer and the approver approve, the clerk delivers it online,
// and the citizen downloads the result and rates the service. The staff
// steps go through the staff API (their pages have their own tests); every
// citizen step goes through the portal in Chromium at phone size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, startServer } from './lib/server.mjs';
import { launch, screenshot, axeProblems, signedInPage } from './lib/browser.mjs';
import { startOidcProvider, throughProvider } from './lib/oidc-provider.mjs';
import { signIn, sharedTotpSession } from '../api/client.mjs';

let server;
let provider;
let browser;

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('id card photo')]);
const PDF = Buffer.from('%PDF-1.4\n% 就业困难人员认定申请表\n');

before(async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ redirectUri: `${url}/api/citizen/callback` });
  server = await startServer({
    seed: true,
    port,
    env: {
      YICHUANG_SERVER_PUBLIC_URL: url,
      YICHUANG_OIDC_ISSUER: provider.issuer,
      YICHUANG_OIDC_CLIENT_ID: provider.clientId,
      YICHUANG_OIDC_CLIENT_SECRET: provider.clientSecret,
      YICHUANG_CASES_RECHECK_SAMPLE_PERCENT: '0',  // the chain is exactly 初审 → 审批
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.stop();
});

const material = (page, idx) => page.locator(`[data-test=portal-apply-material][data-idx="${idx}"]`);

test('a citizen applies online, corrects what the reviewer asks, gets the result and rates it (三(六))', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // From the guide: 在线办理 → sign in at the provider → back on the form.
  await page.goto(`${server.url}/portal/items/BJ-JYCY-007`);
  await page.locator('[data-test=portal-guide-apply]').click();
  await page.waitForURL(/\/portal\/login/);
  await page.locator('[data-test=portal-login-oidc]').click();
  await throughProvider(page, 'citizen-zhang');
  await page.waitForURL(/\/portal\/apply\/BJ-JYCY-007/);
  await page.locator('[data-test=portal-apply]').waitFor();
  assert.equal(await page.locator('[data-test=portal-apply-name]').textContent(), '就业困难人员认定');

  // An empty submission is refused at the fields, nothing sent.
  await page.locator('[data-test=portal-apply-submit]').click();
  await page.locator('[data-test=portal-apply-material][data-idx="0"].has-error').waitFor();

  await page.fill('[data-test=portal-apply-phone]', '13900003333');
  const hall = await page.locator('[data-test=portal-apply-site] option', { hasText: '东华门' }).first().getAttribute('value');
  await page.selectOption('[data-test=portal-apply-site]', hall);
  await page.locator('[data-test=portal-apply-delivery-online]').check();
  await material(page, 0).locator('[data-test=portal-upload-file-input]')
    .setInputFiles({ name: '身份证.jpg', mimeType: 'image/jpeg', buffer: JPEG });
  await material(page, 2).locator('[data-test=portal-upload-file-input]')
    .setInputFiles({ name: '申请表.pdf', mimeType: 'application/pdf', buffer: PDF });
  await material(page, 0).locator('[data-test=portal-file][data-state=done]').waitFor();
  await material(page, 2).locator('[data-test=portal-file][data-state=done]').waitFor();
  await page.locator('[data-test=portal-apply-declaration]').check();
  await screenshot(page, 'online-01-form');
  assert.deepEqual(await axeProblems(page, 'apply form'), []);
  await page.locator('[data-test=portal-apply-submit]').click();
  await page.waitForURL(/\/portal\/me\/cases\/\d{8}-\d{6}/);
  await page.locator('[data-test=portal-case-detail]').waitFor();
  const caseNo = await page.locator('[data-test=portal-case-no]').textContent();
  await screenshot(page, 'online-02-submitted');

  // The hall: 网上申报待预审 on the clerk's workbench, opened on the desk.
  const desk = await signedInPage(browser, server.url, 'clerk');
  await desk.page.goto(`${server.url}/cases/workbench`);
  const row = desk.page.locator(`[data-test=online-queue-row][data-case-no="${caseNo}"]`);
  await row.waitFor();
  await row.click();
  await desk.page.locator('[data-test=online-precheck-hint]').waitFor();
  await screenshot(desk.page, 'online-05-workbench', { fullPage: false });
  assert.deepEqual(desk.problems, []);
  await desk.context.close();

  // Judged and accepted like a window case.
  const clerk = await signIn(server.url, 'clerk');
  const reviewer = await signIn(server.url, 'reviewer');
  const approver = await sharedTotpSession(server.url, 'approver');
  const waiting = (await clerk.get('/api/cases?status=intake&channel=online')).body.items;
  const listed = waiting.find((c) => c.case_no === caseNo);
  assert.ok(listed, `${caseNo} waits for 预审`);
  for (const m of (await clerk.get(`/api/cases/${listed.id}`)).body.materials.filter((x) => x.state === 'pending')) {
    const r = await clerk.put(`/api/cases/${listed.id}/materials/${m.idx}`,
      m.required ? { state: 'received', form: 'electronic' } : { state: 'not_applicable' });
    assert.equal(r.status, 200, r.text);
  }
  let c = (await clerk.post(`/api/cases/${listed.id}/accept`, undefined)).body;
  assert.equal(c.status, 'review');

  // The reviewer asks for a correction (退回补正).
  const first = c.tasks.find((t) => t.state === 'open');
  const back = await reviewer.post(`/api/tasks/${first.id}/act`, { action: 'return', opinion: '申请表缺少本人签名,请签名后重新上传' });
  assert.equal(back.status, 200, back.text);

  // The citizen sees it on the case page and uploads the signed form.
  await page.reload();
  const correction = page.locator('[data-test=portal-case-correction]');
  await correction.waitFor();
  assert.equal(await correction.getAttribute('data-kind'), 'return');
  assert.match(await page.locator('[data-test=portal-correction-note]').textContent(), /缺少本人签名/);
  await page.locator('[data-test=portal-correction-material][data-idx="2"] [data-test=portal-upload-file-input]')
    .setInputFiles({ name: '申请表-已签名.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.from('signed')]) });
  await page.locator('[data-test=portal-correction-material][data-idx="2"] [data-test=portal-file][data-state=done]').waitFor();
  await page.fill('[data-test=portal-correction-text]', '已签名');
  await screenshot(page, 'online-03-correction');
  await page.locator('[data-test=portal-correction-submit]').click();
  await page.locator('[data-test=portal-case-corrected]').waitFor();
  assert.equal(await page.locator('[data-test=portal-case-correction]').count(), 0);

  // Back in review; the reviewer and the approver approve; delivered online.
  c = (await clerk.get(`/api/cases/${listed.id}`)).body;
  assert.equal(c.status, 'review');
  assert.equal(c.files.filter((f) => f.by_applicant).length, 3);
  for (const who of [reviewer, approver]) {
    const task = c.tasks.find((t) => t.state === 'open');
    const acted = await who.post(`/api/tasks/${task.id}/act`, { action: 'approve', opinion: '符合认定条件' });
    assert.equal(acted.status, 200, acted.text);
    c = acted.body;
  }
  assert.equal(c.status, 'ready');
  assert.equal((await clerk.post(`/api/cases/${listed.id}/deliver`, { method: 'online' })).status, 200);

  // The citizen sees the result, downloads it and rates.
  await page.reload();
  const pdfLink = page.locator('[data-test=portal-case-result-pdf]');
  await pdfLink.waitFor();
  const href = await pdfLink.getAttribute('href');
  const paper = await context.request.get(new URL(href, server.url).toString());
  assert.equal(paper.status(), 200);
  assert.equal(paper.headers()['content-type'], 'application/pdf');
  assert.equal((await paper.body()).subarray(0, 5).toString(), '%PDF-');
  assert.equal(await page.locator('[data-test=portal-case-paper][data-kind=receipt]').count(), 1);
  await page.locator('[data-test=portal-case-rating]').waitFor();
  await page.locator('[data-test=portal-rating-level-5]').check();
  await page.locator('[data-test=portal-rating-submit]').click();
  await page.locator('[data-test=portal-rating-done]').waitFor();
  await screenshot(page, 'online-04-result-rated');
  assert.deepEqual(await axeProblems(page, 'case page'), []);
  // The same page at desktop size, in large font (适老化): still no serious problem.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.locator('[data-test=portal-large-font]').click();
  assert.deepEqual(await axeProblems(page, 'case page, large font'), []);
  await screenshot(page, 'online-06-desktop-large');
  // The rating reached the hall's 好差评.
  const ratings = (await clerk.get(`/api/cases/${listed.id}`)).body;
  assert.equal(ratings.status, 'delivered');
  assert.deepEqual(errors, []);
  await context.close();
});
