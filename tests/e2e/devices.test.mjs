// Issue 8 in the browser (policy 三(五)): the window PC's devices through
// yichuang-agent. The clerk sees the device light, reads the simulated ID
// card into the intake form, scans a material with SANE's test backend and
// prints the receipt to a private cupsd whose cups-pdf writes a PDF. The
// document camera (高拍仪) is the browser's own camera. The hall manager sees
// the agent's last report and registers another one. The
// agent refuses other origins and hosts. Screenshots go to YICHUANG_E2E_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, startServer } from './lib/server.mjs';
import { field, launch, pickOption, screenshot, signedInPage } from './lib/browser.mjs';
import { demoPassword } from './lib/totp.mjs';
import { signIn } from '../api/client.mjs';
import { startAgent } from '../agent/lib/agent.mjs';
import { saneEnv } from '../agent/lib/sane.mjs';
import { startCups } from '../agent/lib/cups.mjs';

const SITE = 1;
const SITE_NAME = '东华门街道便民服务中心(演示)';
const ITEM = 'BJ-JYCY-007';
const VIEW = { width: 1366, height: 768 };
// The simulated reader's card (tools/devsim/idcard_sim.hpp).
const CARD = { name: '王晓明', id: '11010519491231002X' };

let server;
let browser;
let agent;
let cups;
let cupsDir;

async function judge(page, i, option, state) {
  await page.locator(`[data-test="material-state-${i}"]`).click();
  await page.locator(`[data-test="material-state-${i}-${option}"]`).click();
  await page.locator('[data-test="material-row"]').nth(i).and(page.locator(`[data-state="${state}"]`)).waitFor();
}

// A page whose workbench talks to this test's agent.
async function agentPage(login) {
  const opened = await signedInPage(browser, server.url, login, demoPassword, VIEW);
  await opened.context.addInitScript((url) => localStorage.setItem('yc.agent.url', url), agent.url);
  return opened;
}

// node:http, so that the Host header is ours to set (fetch would fix it).
function rawRequest(port, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'GET', path: '/api/status', headers }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  server = await startServer({ seed: true, env: { YICHUANG_CASES_RECHECK_SAMPLE_PERCENT: '0' } });
  // The agent of window 1, paired, so that it reports to the server.
  const hallmgr = await signIn(server.url, 'hallmgr');
  const windows = await hallmgr.get(`/api/hall/sites/${SITE}/windows`);
  const windowId = windows.body.items.find((w) => w.number === 1).id;
  const reg = await hallmgr.post(`/api/hall/sites/${SITE}/devices`, { kind: 'agent', name: '1 号窗口电脑', window_id: windowId });
  assert.equal(reg.status, 201, reg.text);
  cupsDir = await mkdtemp(path.join(os.tmpdir(), 'yc-e2e-cups-'));
  cups = await startCups({ script: path.join(repoRoot, 'tools/devsim/cups-sim'), dir: cupsDir });
  agent = await startAgent({
    serverUrl: server.url, token: reg.body.token, idcard: true, sscard: false, scanner: true,
    env: saneEnv(repoRoot), cups, heartbeatSeconds: 10,
  });
  // Chromium's fake camera stands in for the 高拍仪, allowed without a prompt.
  browser = await launch(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
});

after(async () => {
  await browser?.close();
  await agent?.stop();
  await cups?.stop();
  if (cupsDir) await rm(cupsDir, { recursive: true, force: true });
  await server?.stop();
});

test('issue 8: the clerk reads the ID card, scans a material and prints the receipt through the agent', async () => {
  const { page, context, problems } = await agentPage('clerk');
  await page.goto(`${server.url}/cases/workbench`);
  await pickOption(page, 'desk-site', SITE_NAME);
  await pickOption(page, 'desk-window', '1 号');

  // The light: every configured device ready (the social-security reader is off).
  const light = page.locator('[data-test="device-light"]');
  await page.locator('[data-test="device-light"][data-light="green"]').waitFor({ timeout: 15000 });
  await light.click();
  const popover = page.locator('[data-test="device-popover"]');
  await popover.waitFor();
  await popover.locator('[data-test="device-row"][data-device="idcard"][data-state="ready"]').waitFor();
  await popover.locator('[data-test="device-row"][data-device="scanner"][data-state="ready"]').waitFor();
  await popover.locator('[data-test="device-row"][data-device="printer"][data-state="ready"]').waitFor();
  assert.match(await popover.locator('[data-test="device-agent"]').innerText(), /1 号窗口/);
  assert.equal(await popover.locator('[data-test="device-window-mismatch"]').count(), 0);
  assert.equal(await field(popover, 'device-agent-url').inputValue(), agent.url);
  await page.waitForTimeout(300);  // the popover's fade-in
  await screenshot(page, 'devices-01-light-popover', { fullPage: false });
  await light.click();
  await popover.waitFor({ state: 'hidden' });

  // 读身份证 with no card on the reader: the agent's message, nothing filled.
  await agent.idcard('card=absent\n');
  await page.locator('[data-test="applicant-read-idcard"]').click();
  await page.locator('.el-message--error').waitFor();
  assert.match(await page.locator('.el-message--error').innerText(), /[\u4e00-\u9fff]/);
  assert.equal(await field(page, 'applicant-id').inputValue(), '');
  await page.locator('.el-message--error .el-message__closeBtn').click();
  await agent.idcard('card=present\n');

  // 读身份证: the card's holder goes into the form.
  await page.locator('[data-test="applicant-kind-employer"]').click();
  await page.locator('[data-test="applicant-read-idcard"]').click();
  await page.locator('.el-message--success', { hasText: '110105********002X' }).waitFor();
  assert.equal(await field(page, 'applicant-id').inputValue(), CARD.id);
  assert.equal(await field(page, 'applicant-name').inputValue(), CARD.name);
  assert.equal(await page.locator('[data-test="applicant-kind"] .is-active').innerText(), '个人');
  // The same pair of buttons for an agent (代办); back to 本人办理 for this case.
  await page.locator('[data-test="agent-kind-agent"]').click();
  await page.locator('[data-test="agent-read-idcard"]').click();
  await page.locator('.el-message--success', { hasText: '110105********002X' }).nth(1).waitFor();
  assert.equal(await field(page, 'agent-id').inputValue(), CARD.id);
  assert.equal(await field(page, 'agent-name').inputValue(), CARD.name);
  await page.locator('[data-test="agent-kind"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'devices-02b-agent-from-card', { fullPage: false });
  await page.locator('[data-test="agent-kind-none"]').click();
  await field(page, 'applicant-phone').fill('13800138000');
  const search = field(page, 'item-search');
  await search.click();
  await search.fill('就业困难');
  await page.locator(`[data-test="item-option-${ITEM}"]:visible`).click();
  await page.locator('[data-test="item-facts"]').waitFor();
  await screenshot(page, 'devices-02-intake-from-card', { fullPage: false });
  await page.locator('[data-test="start-case"]').click();
  await page.locator('[data-test="workbench-case"][data-status="intake"]').waitFor();
  const caseNo = (await page.locator('[data-test="case-no"]').innerText()).trim();

  // 扫描: the agent's scanner (SANE test backend) into the first material.
  await judge(page, 0, 'received-original', 'received');
  await judge(page, 2, 'received-original', 'received');
  await page.locator('[data-test="material-scan-0"]').click();
  await page.locator('[data-test="material-scan-0-options"]').waitFor();
  await page.locator('[data-test="material-scan-0-mode-gray"]').click();
  await page.locator('[data-test="material-scan-0-start"]').click();
  await page.locator('[data-test="material-files-0"]', { hasText: '1 份' }).waitFor({ timeout: 120000 });
  assert.equal(await page.locator('[data-test="material-error-0"]').count(), 0);
  const scanLink = page.locator('[data-test="material-row"]').nth(0).locator('[data-test="case-file-link"]');
  assert.equal(await scanLink.count(), 1);
  const scanned = await page.evaluate(async (href) => {
    const r = await fetch(href);
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)) };
  }, await scanLink.getAttribute('href'));
  assert.deepEqual(scanned, { status: 200, type: 'application/pdf', head: '%PDF-' });
  await page.locator('[data-test="material-checklist"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'devices-03-scanned-material', { fullPage: false });

  // 高拍仪: the browser's camera photographs the application form.
  await page.locator('[data-test="material-camera-2"]').click();
  const camera = page.locator('[data-test="camera-dialog"]');
  await camera.locator('[data-test="camera-shoot"]:not([disabled])').waitFor({ timeout: 15000 });
  await page.waitForTimeout(500);  // a few frames of the fake camera
  await camera.locator('[data-test="camera-shoot"]').click();
  await camera.locator('[data-test="camera-photo"]').waitFor();
  await screenshot(page, 'devices-04-camera-photo', { fullPage: false });
  await camera.locator('[data-test="camera-use"]').click();
  await page.locator('[data-test="material-files-2"]', { hasText: '1 份' }).waitFor();
  assert.equal(await page.locator('[data-test="material-error-2"]').count(), 0);

  // 受理, then 打印 the receipt on the agent's printer (cups-pdf).
  await page.locator('[data-test="accept"]').click();
  const paper = context.waitForEvent('page');
  await page.locator('.yc-confirm-ok').click();
  await (await paper).close();
  await page.locator('[data-test="workbench-case"][data-status="review"]').waitFor();
  await page.locator('[data-test="print-receipt"]').click();
  const printed = await cups.waitForPdf(60000);
  await page.locator('.el-message--success', { hasText: '受理回执已打印' }).waitFor({ timeout: 60000 });
  const { stdout } = await promisify(execFile)('pdftotext', [printed, '-']);
  assert.ok(stdout.includes(caseNo), `the printed receipt names ${caseNo}:\n${stdout.slice(0, 400)}`);
  await screenshot(page, 'devices-05-receipt-printed', { fullPage: false });

  // The one failure the browser logs is the agent's 422 NO_CARD, on purpose above.
  assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
  await context.close();
});

test('issue 8: the hall manager sees the agent\'s report and registers an agent for a window', async () => {
  const { page, context, problems } = await signedInPage(browser, server.url, 'hallmgr', demoPassword, VIEW);
  await page.goto(`${server.url}/hall/manage?tab=devices`);
  const row = page.locator('.el-table__row', { hasText: '1 号窗口电脑' });
  await row.waitFor();
  assert.match(await row.innerText(), /窗口设备助手/);
  assert.match(await row.locator('[data-test="hall-device-window-text"]').innerText(), /1 号窗口/);
  // The agent reports at start and every 10 s; the list shows the last report when read again.
  for (let i = 0; i < 30 && await row.locator('[data-test="device-dot"]').count() === 0; i++) {
    await page.waitForTimeout(500);
    await page.locator('[data-test="hall-devices-refresh"]').click();
  }
  await row.locator('[data-test="device-dot"][data-device="idcard"][data-state="ready"]').waitFor();

  await page.locator('[data-test="hall-device-add"]').click();
  const dialog = page.locator('[data-test="hall-device-dialog"]');
  await dialog.locator('[data-test="hall-device-kind-agent"]').click();
  assert.equal(await dialog.locator('[data-test="hall-device-printer"]').count(), 0);
  await field(dialog, 'hall-device-name').fill('2 号窗口电脑');
  await dialog.locator('[data-test="hall-device-submit"]').click();
  await dialog.locator('.el-form-item__error', { hasText: '请选择窗口' }).waitFor();
  await pickOption(page, 'hall-device-window', '2');
  await dialog.locator('[data-test="hall-device-submit"]').click();
  const pairing = page.locator('[data-test="hall-pairing-dialog"]');
  const command = (await pairing.locator('[data-test="hall-pairing-command"]').innerText()).trim();
  const token = (await pairing.locator('[data-test="hall-pairing-token"]').innerText()).trim();
  assert.equal(command, `yichuang-agent pair --config /etc/yichuang/agent.toml --token ${token}`);
  await screenshot(page, 'devices-06-agent-pairing', { fullPage: false });
  await pairing.locator('[data-test="hall-pairing-done"]').click();
  const added = page.locator('.el-table__row', { hasText: '2 号窗口电脑' });
  await added.waitFor();
  assert.match(await added.innerText(), /尚未报告/);
  await page.waitForTimeout(300);
  await screenshot(page, 'devices-07-devices-tab', { fullPage: false });

  assert.deepEqual(problems, []);
  await context.close();
});

test('issue 8: the agent refuses another origin and another Host', async () => {
  const evil = await fetch(`${agent.url}/api/idcard/read`, { method: 'POST', headers: { Origin: 'http://evil.example' } });
  assert.equal(evil.status, 403);
  const body = await evil.json();
  assert.equal(body.error.code, 'FORBIDDEN');
  assert.equal(body.error.field, 'Origin');
  assert.equal(evil.headers.get('access-control-allow-origin'), null);

  const origin = new URL(server.url).origin;
  const rebound = await rawRequest(agent.port, { Host: `evil.example:${agent.port}`, Origin: origin });
  assert.equal(rebound.status, 403);
  assert.equal(rebound.body.error.code, 'FORBIDDEN');
  assert.equal(rebound.body.error.field, 'Host');

  // A page of another origin cannot read the agent's answer at all.
  const other = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>别处</title>');
  });
  await new Promise((r) => other.listen(0, '127.0.0.1', r));
  const { context } = await signedInPage(browser, server.url, 'clerk', demoPassword, VIEW);
  const page = await context.newPage();
  try {
    await page.goto(`http://localhost:${other.address().port}/`);
    const result = await page.evaluate(async (url) => {
      try {
        const r = await fetch(`${url}/api/idcard/read`, { method: 'POST', mode: 'cors' });
        return `answered ${r.status}`;
      } catch (e) {
        return `refused: ${e.name}`;
      }
    }, agent.url);
    assert.match(result, /^refused/);
  } finally {
    await context.close();
    await new Promise((r) => other.close(r));
  }
});

test('issue 8: the kiosk reads the ID card for 预约签到 through its own (unpaired) agent', async () => {
  const { strictPage } = await import('./lib/browser.mjs');
  // The kiosk's agent: the ID card reader only, paired with no window.
  const kioskAgent = await startAgent({ serverUrl: server.url, sscard: false, scanner: false });
  const { page, context, problems } = await strictPage(browser, { width: 1080, height: 1600 });
  try {
    // A booking within the hour for the simulated card's holder (the demo hall books round the clock).
    const slots = await fetch(`${server.url}/api/hall/sites/${SITE}/slots?group=employment&days=3`).then((r) => r.json());
    const soon = slots.days.flatMap((d) => d.slots).find((s) => s.start - Date.now() < 3600_000 && s.left > 0);
    assert.ok(soon, 'a slot within the hour');
    const booked = await fetch(`${server.url}/api/appointments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ site_id: SITE, group: 'employment', slot_start: soon.start, name: CARD.name,
        id_number: CARD.id, phone: '13900003333' }),
    });
    assert.equal(booked.status, 201, await booked.clone().text());

    await context.addInitScript((url) => localStorage.setItem('yc.agent.url', url), kioskAgent.url);
    await page.goto(`${server.url}/kiosk/pair#yichuang-demo-kiosk-1`);
    await page.locator('[data-test="kiosk-pair-done"]').waitFor();
    await page.locator('[data-test="kiosk-pair-start"]').click();
    await page.locator('[data-test="kiosk-tile-check-in"]').click();
    const read = page.locator('[data-test="kiosk-idcard-read"]');
    await read.waitFor({ timeout: 15000 });
    assert.match(await page.locator('[data-test="kiosk-idcard"]').innerText(), /请将身份证放在读卡区/);

    // No card on the reader: said in large type, nothing filled.
    await kioskAgent.idcard('card=absent\n');
    await read.click();
    await page.locator('[data-test="kiosk-idcard-problem"]', { hasText: '未检测到身份证' }).waitFor();
    assert.equal(await page.locator('[data-test="kiosk-field-text"]').count(), 0);
    await screenshot(page, 'devices-08a-kiosk-no-card', { fullPage: false });

    // 刷身份证: the number goes into the ID field, masked; the person confirms.
    await kioskAgent.idcard('card=present\n');
    await read.click();
    const text = page.locator('[data-test="kiosk-field-id"] [data-test="kiosk-field-text"]');
    await text.waitFor();
    assert.equal((await text.innerText()).trim(), '110105 ******** 002X');
    assert.ok(!(await page.locator('body').innerText()).includes('19491231'), 'the whole number never on screen');
    assert.equal(await page.locator('[data-test="kiosk-idcard-problem"]').count(), 0);
    assert.equal(await page.locator('[data-test="kiosk-check-in-by-id"]').getAttribute('aria-pressed'), 'true');
    await screenshot(page, 'devices-08-kiosk-check-in-card', { fullPage: false });
    await page.locator('[data-test="kiosk-check-in-submit"]:not([disabled])').click();
    await page.locator('[data-test="kiosk-result-page"]').waitFor();
    assert.match(await page.locator('[data-test="kiosk-ticket-label"]').innerText(), /\S/);
    await screenshot(page, 'devices-09-kiosk-checked-in', { fullPage: false });

    // 办件进度 offers the same button for the applicant's number.
    await page.goto(`${server.url}/kiosk/progress`);
    await page.locator('[data-test="kiosk-progress"] [data-test="kiosk-idcard-read"]').waitFor({ timeout: 15000 });
    await screenshot(page, 'devices-10-kiosk-progress-card', { fullPage: false });

    // The one failure the browser logs is the agent's 422 NO_CARD, on purpose above.
    assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
  } finally {
    await context.close();
    await kioskAgent.stop();
  }
});
