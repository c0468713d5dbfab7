// Issue 13, item 5 in the browser: script payloads stored in free-text fields
// never run. Staff store `<img onerror>` and `<script>` in a consultation, a
// complaint and its reply, a follow-up visit note, the windows of a catalog
// offer and the hall's notice, through the API (whose answers are JSON with
// nosniff); then the pages that list and show them are opened: the clerk's
// workbench and call log, the registry's person page, the complaints list and
// drawer, and the public guide, complaint tracking and hall screen. On every
// page the payload is there as text, no element was made from it, nothing
// set window.__xss, and no dialog opened. The document CSP (script-src 'self')
// would stop an inline handler anyway; the DOM checks are what show that the
// pages print text and never parse it (web/src has no v-html).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib/server.mjs';
import { launch, screenshot, signedInPage, strictPage } from './lib/browser.mjs';
import { demoPassword } from './lib/totp.mjs';
import { signIn, signInWithTotp } from '../api/client.mjs';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const payload = (words) => `${words}${IMG}${SCRIPT}`;
const SITE = 1;
const ITEM = 'BJ-SHBX-001';

const texts = {
  question: payload('咨询问题:失业金怎么领'),
  answer: payload('答复:带身份证到窗口'),
  phoneQuestion: payload('电话咨询:社保卡补办'),
  complaint: payload('窗口工作人员态度生硬,不解释材料要求'),
  reply: payload('经调查核实,已对窗口人员批评教育'),
  visit: payload('电话回访,仍在求职'),
  windows: `1号${IMG}`,  // ≤ 60 characters
  address: `东华门大街1号${SCRIPT}`,
  notice: payload('今日下午系统升级'),
};

let server;
let browser;
const stored = {};

// A staff write: 2xx, JSON with nosniff, and the text back byte for byte where the answer shows it.
async function write(client, method, path, json, expectText) {
  const res = await client.request(method, path, { json, headers: { 'Idempotency-Key': `xss-${path}-${Date.now()}` } });
  assert.ok(res.status >= 200 && res.status < 300, `${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${method} ${path}`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${method} ${path}`);
  if (expectText) assert.ok(res.text.includes(JSON.stringify(expectText).slice(1, -1)), `${path} echoes the text verbatim`);
  return res.body;
}

before(async () => {
  server = await startServer({ seed: true });
  browser = await launch();

  const clerk = await signIn(server.url, 'clerk');
  await write(clerk, 'POST', '/api/consultations',
    { channel: 'hall', site_id: SITE, question: texts.question, answer: texts.answer }, texts.question);
  await write(clerk, 'POST', '/api/consultations',
    { channel: 'phone', site_id: SITE, question: texts.phoneQuestion, answer: texts.answer }, texts.phoneQuestion);

  // A citizen's complaint (no session), answered by the officer.
  const filed = await fetch(`${server.url}/api/public/complaints`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ category: 'attitude', content: texts.complaint, anonymous: true, site_id: SITE }),
  });
  assert.equal(filed.status, 201);
  assert.equal(filed.headers.get('x-content-type-options'), 'nosniff');
  stored.complaint = await filed.json();
  const officer = await signInWithTotp(server.url, 'tsofficer');
  stored.officerCookie = officer.cookie;
  const list = await officer.get('/api/complaints');
  const item = list.body.items.find((c) => c.complaint_no === stored.complaint.complaint_no);
  assert.ok(item, 'the officer sees the complaint');
  const detail = await officer.get(`/api/complaints/${item.id}`);
  assert.equal(detail.body.content, texts.complaint, 'stored and shown verbatim');
  await write(officer, 'POST', `/api/complaints/${item.id}/accept`, {});
  await write(officer, 'POST', `/api/complaints/${item.id}/reply`, { reply: texts.reply, upheld: true }, texts.reply);

  // A follow-up visit of a person of the registry.
  const worker = await signIn(server.url, 'sqworker');
  const people = await worker.get('/api/residents');
  const person = people.body.items[0];
  stored.person = person.id;
  await write(worker, 'POST', `/api/residents/${person.id}/visits`,
    { version: person.version, method: 'phone', note: texts.visit }, texts.visit);

  // What the public sees: the windows of a catalog offer, the hall's notice.
  const manager = await signIn(server.url, 'hallmgr');
  await write(manager, 'PUT', `/api/catalog/offers/110101001/${ITEM}`,
    { site_id: SITE, windows: texts.windows, address: texts.address }, texts.windows);
  const settings = (await manager.get(`/api/hall/sites/${SITE}/settings`)).body;
  delete settings.site_id;
  await write(manager, 'PUT', `/api/hall/sites/${SITE}/settings`, { ...settings, notice: texts.notice }, texts.notice);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Watches a page for dialogs; check() asserts that nothing ran and nothing was parsed.
function guard(page) {
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return async (label, shown) => {
    for (const text of shown) await page.getByText(text, { exact: false }).first().waitFor();
    const found = await page.evaluate(() => ({
      flag: window.__xss,
      imgs: document.querySelectorAll('img[src="x"]').length,
      scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__xss')).length,
      text: document.body.innerText,
    }));
    assert.equal(found.flag, undefined, `${label}: a payload ran`);
    assert.equal(found.imgs, 0, `${label}: an <img> was made from text`);
    assert.equal(found.scripts, 0, `${label}: a <script> was made from text`);
    for (const text of shown) assert.ok(found.text.includes(text), `${label}: the payload shows as text`);
    assert.deepEqual(dialogs, [], `${label}: a dialog opened`);
  };
}

test('issue 13: stored script payloads show as text on the staff pages', async () => {
  // The clerk: 我负责的咨询 on the workbench, 今日来电 on the call line.
  const clerk = await signedInPage(browser, server.url, 'clerk', demoPassword);
  const check = guard(clerk.page);
  await clerk.page.goto(`${server.url}/cases/workbench`);
  await clerk.page.locator('[data-test="consult-list"]').waitFor();
  await check('workbench', [texts.question, texts.answer]);
  await clerk.page.goto(`${server.url}/cases/hotline`);
  await check('call log', [texts.phoneQuestion]);
  await screenshot(clerk.page, 'xss-01-call-log', { fullPage: false });
  assert.deepEqual(clerk.problems, []);
  await clerk.context.close();

  // The community worker: the person's page with the visit.
  const worker = await signedInPage(browser, server.url, 'sqworker', demoPassword);
  const checkWorker = guard(worker.page);
  await worker.page.goto(`${server.url}/employment/residents/${stored.person}`);
  await worker.page.locator('[data-test="visit-item"]').first().waitFor();
  await checkWorker('person page', [texts.visit]);
  assert.deepEqual(worker.problems, []);
  await worker.context.close();

  // The complaints officer (the API's session: a TOTP code counts once): list, then drawer.
  const officer = await strictPage(browser);
  const [name, value] = stored.officerCookie.split('=');
  await officer.context.addCookies([{ name, value, url: server.url }]);
  const checkOfficer = guard(officer.page);
  await officer.page.goto(`${server.url}/complaints`);
  await officer.page.locator('[data-test="complaint-tabs"] .el-tabs__item', { hasText: '已答复' }).click();
  const row = officer.page.locator(`[data-test="complaint-row-no"][data-no="${stored.complaint.complaint_no}"]`);
  await row.waitFor();
  await checkOfficer('complaints list', []);
  await row.click();
  const drawer = officer.page.locator('[data-test="complaint-drawer"]');
  await drawer.locator('[data-test="complaint-content"]').waitFor();
  assert.equal(await drawer.locator('[data-test="complaint-content"]').innerText(), texts.complaint);
  await checkOfficer('complaint drawer', [texts.complaint, texts.reply]);
  await officer.page.waitForTimeout(300);  // the drawer's animation, for the picture
  await screenshot(officer.page, 'xss-02-complaint-drawer', { fullPage: false });
  assert.deepEqual(officer.problems, []);
  await officer.context.close();
});

test('issue 13: stored script payloads show as text on the public pages', async () => {
  const citizen = await strictPage(browser, { width: 390, height: 844 });
  const check = guard(citizen.page);
  // The guide names the offer's windows.
  await citizen.page.goto(`${server.url}/guides/${ITEM}`);
  await citizen.page.locator('[data-test="guide-offers"]').waitFor();
  await check('guide', [texts.windows, texts.address]);
  // The reporter tracks the complaint and reads the reply.
  const { complaint_no: no, query_code: code } = stored.complaint;
  await citizen.page.goto(`${server.url}/complaints/track?no=${encodeURIComponent(no)}`);
  await citizen.page.locator('input[data-test="track-code"]').fill(code);
  await citizen.page.locator('[data-test="track-submit"]').click();
  await citizen.page.locator('[data-test="track-result"]').waitFor();
  await check('complaint tracking', [texts.reply]);
  await screenshot(citizen.page, 'xss-03-tracked');
  assert.deepEqual(citizen.problems, []);
  await citizen.context.close();

  // The hall's screen scrolls the notice.
  const screen = await strictPage(browser, { width: 1920, height: 1080 });
  const checkScreen = guard(screen.page);
  await screen.page.goto(`${server.url}/screen/hall?site=${SITE}`);
  await screen.page.locator('[data-test="hall-notice"]').waitFor();
  await checkScreen('hall screen', [texts.notice]);
  assert.deepEqual(screen.problems, []);
  await screen.context.close();
});
